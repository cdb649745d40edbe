/* The decoder's own speed, for scripts/zydis-floor.py: a linear sweep with Zydis in minimal mode
 * (what armready's X86Decoder asks of it) over LENGTH bytes at OFFSET of FILE, one thread.
 * Prints "bytes seconds". Usage: zydis_floor FILE OFFSET LENGTH BITS */
#include <Zydis/Zydis.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv) {
    if (argc != 5) return 2;
    long offset = strtol(argv[2], 0, 0), length = strtol(argv[3], 0, 0);
    int bits = atoi(argv[4]);
    FILE *file = fopen(argv[1], "rb");
    unsigned char *bytes = malloc(length > 0 ? length : 1);
    if (!file || !bytes || fseek(file, offset, SEEK_SET) != 0) return 1;
    length = (long)fread(bytes, 1, length, file);
    ZydisDecoder decoder;
    ZydisDecoderInit(&decoder, bits == 64 ? ZYDIS_MACHINE_MODE_LONG_64 : ZYDIS_MACHINE_MODE_LONG_COMPAT_32,
                     bits == 64 ? ZYDIS_STACK_WIDTH_64 : ZYDIS_STACK_WIDTH_32);
    ZydisDecoderEnableMode(&decoder, ZYDIS_DECODER_MODE_MINIMAL, 1);
    ZydisDecodedInstruction instruction;
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    long position = 0;
    unsigned long mnemonics = 0;
    while (position < length) {
        if (ZYAN_SUCCESS(ZydisDecoderDecodeInstruction(&decoder, NULL, bytes + position, length - position, &instruction))) {
            position += instruction.length;
            mnemonics += instruction.mnemonic;
        } else {
            position += 1;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    printf("%ld %.6f %lu\n", length, (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9, mnemonics);
    return 0;
}
