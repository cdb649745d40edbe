// Hexagon DSP code for the accelerator-payload fixture (libFixtureV68Skel.so): one exported function,
// int fixture_add(int a, int b) { return a + b; } (arguments in r0, r1; result in r0).
        .text
        .globl  fixture_add
        .type   fixture_add,@function
        .p2align 4
fixture_add:
        {
                r0 = add(r0, r1)
                jumpr r31
        }
        .size   fixture_add, .-fixture_add
