/* Shared-library fixture source: two exported functions, one hidden helper. */
__attribute__((visibility("hidden"), noinline)) int fixture_helper(int x) { return x + 1; }

int fixture_api_add(int a, int b) { return fixture_helper(a) + b; }

int fixture_api_version(void) { return 3; }
