#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Burns a fixed amount of the calling thread's CPU time.
///
/// Why: the benchmark's constant-allow server can stand in for a review of known cost, which
/// measures how much CPU a review may take before throughput falls below a given share of the
/// bare server's (time on the thread's CPU clock, so preemption does not shorten the work).
enum ThreadCPUSpin {
    /// Spins until the thread has used `nanoseconds` more CPU time; at most one clock read late.
    static func spin(nanoseconds: Int) {
        guard nanoseconds > 0 else { return }
        let start = threadCPUNanoseconds()
        while threadCPUNanoseconds() - start < nanoseconds {}
    }

    static func threadCPUNanoseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Int(now.tv_sec) * 1_000_000_000 + Int(now.tv_nsec)
    }
}
