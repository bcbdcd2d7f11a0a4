/// The numeric values of libseccomp's `SCMP_ACT_*`, `SCMP_CMP_*` and `SCMP_FLTATR_*` (seccomp.h,
/// stable since libseccomp 2.4), kept here because Palisade has no C headers for it.
enum LibSeccompConstants {
    static let actKillProcess: UInt32 = 0x8000_0000
    static let actKillThread: UInt32 = 0x0000_0000
    static let actTrap: UInt32 = 0x0003_0000
    static let actNotify: UInt32 = 0x7fc0_0000
    static let actLog: UInt32 = 0x7ffc_0000
    static let actAllow: UInt32 = 0x7fff_0000
    static func actErrno(_ errno: Int) -> UInt32 { 0x0005_0000 | (UInt32(truncatingIfNeeded: errno) & 0xffff) }
    static func actTrace(_ message: Int) -> UInt32 { 0x7ff0_0000 | (UInt32(truncatingIfNeeded: message) & 0xffff) }

    /// `SCMP_FLTATR_ACT_BADARCH`: the action for a syscall from an architecture not in the filter.
    static let attrBadArchAction: UInt32 = 2
    /// `SCMP_FLTATR_CTL_NNP`: whether `seccomp_load` sets no-new-privileges itself.
    static let attrNoNewPrivileges: UInt32 = 3

    /// `enum scmp_compare`.
    static func compare(_ op: SeccompComparison) -> UInt32 {
        switch op {
        case .notEqual: 1
        case .lessThan: 2
        case .lessOrEqual: 3
        case .equal: 4
        case .greaterOrEqual: 5
        case .greaterThan: 6
        case .maskedEqual: 7
        }
    }

    /// `sizeof(struct scmp_arg_cmp)`: `{ unsigned arg; int op; uint64 datum_a; uint64 datum_b; }`.
    static let argCmpSize = 24
}
