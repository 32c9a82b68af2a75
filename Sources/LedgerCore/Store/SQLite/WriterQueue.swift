#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// First come, first served among the `ledger` processes writing to one ledger.
///
/// SQLite lets waiting writers poll for its lock, and whichever polls first after a release
/// wins: with 32 writers on a busy machine some lost for longer than any timeout. So before
/// its transaction a writer takes a ticket from a small file beside the ledger
/// (`LEDGER-queue`) and waits for the writer ahead of it only. Each writer holds a POSIX
/// lock on one byte named by its ticket until its transaction ends; the next one waits for
/// that byte to be free. The kernel drops the locks of a process that dies, so a killed
/// writer never blocks the queue; a writer that gives up (exit 75) frees its byte too.
/// SQLite's own locking still guards the file: the queue only decides the order.
final class WriterQueue {
    private let descriptor: Int32
    private var ticket: Int64?

    /// Where the tickets start: bytes 0–7 hold the next ticket number.
    private static let firstByte: Int64 = 4096

    /// Opens (or creates, mode 0600) the queue beside `ledger`; nil when that cannot be done
    /// (a folder one may not write to), and writers then rely on SQLite's waiting alone.
    init?(ledger: String) {
        let descriptor = open(ledger + "-queue", O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Takes a ticket and waits until every writer ahead has finished, for at most `timeout`
    /// nanoseconds. False when the wait ran out (the place in the queue is given up).
    func enter(timeoutNanoseconds: UInt64) -> Bool {
        guard let ticket = takeTicket() else { return true }
        self.ticket = ticket
        let started = monotonicNanoseconds()
        while isHeld(byte: Self.firstByte + ticket - 1) {
            if monotonicNanoseconds() - started >= timeoutNanoseconds {
                leave()
                return false
            }
            var pause = timespec(tv_sec: 0, tv_nsec: Int.random(in: 300_000...1_000_000))
            nanosleep(&pause, nil)
        }
        return true
    }

    /// Ends this writer's turn: the next one goes.
    func leave() {
        guard let ticket else { return }
        setLock(F_UNLCK, byte: Self.firstByte + ticket)
        self.ticket = nil
    }

    /// The next ticket, with this writer's byte locked before anyone can take the one after
    /// (both under an exclusive flock of the whole file); nil if the file cannot be used.
    private func takeTicket() -> Int64? {
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { return nil }
        }
        defer { flock(descriptor, LOCK_UN) }
        var next: Int64 = 0
        let got = withUnsafeMutableBytes(of: &next) { pread(descriptor, $0.baseAddress, 8, 0) }
        if got != 8 { next = 0 }
        next = Int64(littleEndian: next)
        guard next >= 0, next < Int64.max - Self.firstByte - 1 else { return nil }
        var following = (next + 1).littleEndian
        let wrote = withUnsafeBytes(of: &following) { pwrite(descriptor, $0.baseAddress, 8, 0) }
        guard wrote == 8, setLock(F_WRLCK, byte: Self.firstByte + next) else { return nil }
        return next
    }

    @discardableResult
    private func setLock(_ type: Int32, byte: Int64) -> Bool {
        var lock = Self.lock(type, byte: byte)
        return fcntl(descriptor, F_SETLK, &lock) == 0
    }

    /// True while another process holds a lock on `byte` (the writer ahead has not finished).
    private func isHeld(byte: Int64) -> Bool {
        guard byte >= Self.firstByte else { return false }
        var lock = Self.lock(F_WRLCK, byte: byte)
        guard fcntl(descriptor, F_GETLK, &lock) == 0 else { return false }
        return lock.l_type != Int16(F_UNLCK)
    }

    /// A POSIX lock of `type` on the one byte at `byte`.
    private static func lock(_ type: Int32, byte: Int64) -> flock {
        var lock = flock()
        lock.l_type = Int16(type)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = off_t(byte)
        lock.l_len = 1
        return lock
    }
}
