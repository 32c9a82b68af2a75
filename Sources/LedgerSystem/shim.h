// C library calls that Swift's Glibc module leaves out.
#if defined(__linux__)
#include <malloc.h>      // mallopt: keep freed memory instead of trimming the heap (ledger's main)
#include <sys/random.h>  // getrandom: random bytes for UUIDs, many at a time (UUIDText.Generator)
#endif

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/syscall.h>

// renameat2(RENAME_NOREPLACE) through syscall (variadic, so Swift cannot call it): moves
// `from` to `to` only if nothing is at `to`, atomically. -1 with errno EEXIST when something
// is; ENOSYS or EINVAL where the kernel or file system cannot do it.
static inline int ledger_rename_noreplace(const char *from, const char *to) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, 1 /* RENAME_NOREPLACE */);
#else
    errno = ENOSYS;
    return -1;
#endif
}
