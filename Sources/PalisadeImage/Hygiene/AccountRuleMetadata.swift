import PalisadeCore

extension ImageHygieneRules {
    /// HIGH: the same hash in every container and registry copy; crackable offline at leisure.
    public static let shadowHashes = RuleMetadata(
        id: "IMG-SHADOW-HASHES", title: "Password hash in /etc/shadow", severity: .high, category: accountsCategory,
        why: "A password hash baked into /etc/shadow is identical in every container and every copy of the image: "
            + "anyone who pulls it can crack it offline, and the password is often reused elsewhere.",
        remediation: "Do not set passwords in images (`chpasswd`, `passwd`); lock accounts (`passwd -l`, `*` or `!`) "
            + "and inject any needed credential at run time.",
        frameworks: FrameworkMappings(mitre: ["T1110.002", "T1078.003"], nist: [.image]),
        references: [dockle + " (DKL-LI-0001)"])

    /// HIGH: su to that account needs no password; Dockle rates it FATAL.
    public static let emptyPassword = RuleMetadata(
        id: "IMG-EMPTY-PASSWORD", title: "Account with an empty password", severity: .high, category: accountsCategory,
        why: "An empty password field lets anyone log in as, or `su` to, that account without a password; for root "
            + "this is an immediate privilege escalation from any unprivileged process.",
        remediation: "Lock the account (`passwd -l <user>` or set the field to `*`/`!`).",
        frameworks: FrameworkMappings(mitre: ["T1078.003", "T1548"], nist: [.image]),
        references: [dockle + " (DKL-LI-0001)"])

    /// MEDIUM: ambiguous ownership; a second UID 0 account is a hidden root.
    public static let duplicateID = RuleMetadata(
        id: "IMG-DUPLICATE-ID", title: "Duplicate UID or GID", severity: .medium, category: accountsCategory,
        why: "Two accounts with one UID (or groups with one GID) share every file and permission: audit logs cannot "
            + "tell them apart, and a second UID 0 account is a hidden root login.",
        remediation: "Give every account and group a unique id in /etc/passwd and /etc/group; remove extra UID 0 "
            + "accounts.",
        frameworks: FrameworkMappings(mitre: ["T1136.001"], nist: [.image]),
        references: [dockle + " (DKL-LI-0002)"])
}
