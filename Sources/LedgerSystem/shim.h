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

// Removes the files in the folder `path` (not subfolders: a chart folder has none), then the
// folder itself, using only async-signal-safe system calls (open, getdents64, unlinkat,
// rmdir): a signal handler calls it to leave no half-written chart folder behind.
#if defined(__linux__)
#include <fcntl.h>
#include <stdint.h>
static inline void ledger_remove_flat_folder(const char *path) {
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    static char buffer[8192] __attribute__((aligned(8)));
    for (;;) {
        long count = syscall(SYS_getdents64, fd, buffer, sizeof buffer);
        if (count <= 0) break;
        long offset = 0;
        int removed = 0;
        while (offset < count) {
            unsigned short length = *(unsigned short *)(buffer + offset + 16);
            const char *name = buffer + offset + 19;
            if (!(name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0)))) {
                if (unlinkat(fd, name, 0) == 0) removed = 1;
            }
            offset += length;
        }
        // Entries removed while listing: list again from the start until nothing is left.
        if (removed) lseek(fd, 0, SEEK_SET);
    }
    close(fd);
    rmdir(path);
}
#else
static inline void ledger_remove_flat_folder(const char *path) { (void)path; }
#endif
