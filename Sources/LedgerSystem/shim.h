// C library calls that Swift's Glibc module leaves out.
#if defined(__linux__)
#include <malloc.h>      // mallopt: keep freed memory instead of trimming the heap (ledger's main)
#include <sys/random.h>  // getrandom: random bytes for UUIDs, many at a time (UUIDText.Generator)
#endif
