// Stand-in for the runtime's __icall_helper_arm64ec, which the import thunks
// lld-link makes for ARM64EC code call. It lives apart from loadcfg_arm64ec.s
// so code-free images (the pure forwarder) stay code-free. The fixtures are
// never executed: the real helper first asks __os_arm64x_check_icall whether
// the target in x11 is x64 code.
        .text
        .globl  __icall_helper_arm64ec
        .p2align 2
__icall_helper_arm64ec:
        br      x11
