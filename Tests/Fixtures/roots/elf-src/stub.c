/* The shared object roots.c links against: only its dynamic symbols matter. */
int imported_data = 1;
int imported_function(int x) { return x; }
int imported_address_taken(int x) { return -x; }
