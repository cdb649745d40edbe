/* ISA fixture: AArch64 extensions, one small function each. Freestanding; entry `start`. */
#include <arm_acle.h>
#include <arm_neon.h>
#include <arm_sve.h>
#include <arm_sme.h>

uint8x16_t use_aes(uint8x16_t d, uint8x16_t k) { return vaesmcq_u8(vaeseq_u8(d, k)); }
uint32x4_t use_sha2(uint32x4_t a, uint32x4_t b, uint32x4_t c) { return vsha256hq_u32(a, b, c); }
uint32_t use_sha1(uint32_t e) { return vsha1h_u32(e); }
uint64x2_t use_sha512(uint64x2_t a, uint64x2_t b, uint64x2_t c) { return vsha512hq_u64(a, b, c); }
uint64x2_t use_sha3(uint64x2_t a, uint64x2_t b, uint64x2_t c) { return veor3q_u64(a, b, c); }
uint32x4_t use_sm4(uint32x4_t a, uint32x4_t b) { return vsm4eq_u32(a, b); }
uint32_t use_crc(uint32_t c, uint8_t b) { return __crc32b(c, b); }
int32x4_t use_dot(int32x4_t acc, int8x16_t a, int8x16_t b) { return vdotq_s32(acc, a, b); }
int32x4_t use_i8mm(int32x4_t acc, int8x16_t a, int8x16_t b) { return vmmlaq_s32(acc, a, b); }
float32x4_t use_bf16(float32x4_t acc, bfloat16x8_t a, bfloat16x8_t b) { return vbfdotq_f32(acc, a, b); }
float16x8_t use_fp16(float16x8_t a, float16x8_t b) { return vaddq_f16(a, b); }
long use_lse(long *p) { return __atomic_fetch_add(p, 1, __ATOMIC_SEQ_CST); }
long use_rcpc(long *p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
void *use_mte(void *p) { return __arm_mte_create_random_tag(p, 0); }
svint32_t use_sve(svbool_t pg, svint32_t a, svint32_t b) { return svadd_s32_m(pg, a, b); }
svint32_t use_sve2(svint32_t a, svint32_t b, svint32_t c) { return svqrdmlah_s32(a, b, c); }
svint32_t use_sve2_long(svint16_t a, svint16_t b) { return svaddlb_s32(a, b); }
svbool_t use_sve2_match(svbool_t pg, svuint8_t a, svuint8_t b) { return svmatch_u8(pg, a, b); }
void use_sme(void) __arm_inout("za") __arm_streaming { svzero_za(); }
/* Locally streaming: the compiler emits SMSTART/SMSTOP around the body. */
__arm_locally_streaming long use_sme_local(long x) { return x + (long)svcntw(); }

/* Non-leaf: saves the link register, so -mbranch-protection=standard signs it (PACIASP). */
long call_twice(long (*f)(long *), long *p) { return f(p) + f(p + 1); }

long start(long *p) { return call_twice(use_lse, p) + use_rcpc(p); }
