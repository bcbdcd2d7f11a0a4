/// What changes between two profiles for a container on one architecture: which syscalls become
/// allowed or denied, which change action or conditions, and the changes to the default action
/// and architectures. Compares what the filters do, not how the JSON is written, so reordering or
/// splitting rules shows no difference.
public struct ProfileDiff: Sendable, Equatable {
    /// One syscall whose verdict differs.
    public struct Change: Sendable, Equatable {
        public var name: String
        public var before: String
        public var after: String
    }

    public var defaultAction: (before: SeccompAction, after: SeccompAction)?
    public var addedArchitectures: [String]
    public var removedArchitectures: [String]
    /// Denied in A, allowed (at least for some arguments) in B.
    public var nowAllowed: [Change]
    /// Allowed in A, denied in B.
    public var nowDenied: [Change]
    /// Allowed or denied in both, but differently (conditions, errno, kill vs errno).
    public var changed: [Change]

    public var isEmpty: Bool {
        defaultAction == nil && addedArchitectures.isEmpty && removedArchitectures.isEmpty && nowAllowed.isEmpty
            && nowDenied.isEmpty && changed.isEmpty
    }

    public static func == (a: ProfileDiff, b: ProfileDiff) -> Bool {
        a.defaultAction?.before == b.defaultAction?.before && a.defaultAction?.after == b.defaultAction?.after
            && a.addedArchitectures == b.addedArchitectures && a.removedArchitectures == b.removedArchitectures
            && a.nowAllowed == b.nowAllowed && a.nowDenied == b.nowDenied && a.changed == b.changed
    }

    public init(
        from a: SeccompProfile, to b: SeccompProfile, architecture: SeccompArchitecture = .native,
        capabilities: Set<String> = EffectivePolicy.defaultCapabilities, kernel: KernelVersion? = nil
    ) {
        defaultAction = a.defaultAction == b.defaultAction ? nil : (a.defaultAction, b.defaultAction)
        let archesA = a.allArchitectures
        let archesB = b.allArchitectures
        addedArchitectures = archesB.filter { !archesA.contains($0) }
        removedArchitectures = archesA.filter { !archesB.contains($0) }
        let pa = EffectivePolicy(profile: a, architecture: architecture, capabilities: capabilities, kernel: kernel)
        let pb = EffectivePolicy(profile: b, architecture: architecture, capabilities: capabilities, kernel: kernel)
        var names = pa.mentionedNames.union(pb.mentionedNames)
        // With different default actions every syscall of the table may have changed; list the ones a
        // rule names plus the table's, so a switch from ALLOW to ERRNO shows what it closes.
        if a.defaultAction != b.defaultAction {
            names.formUnion(SyscallTable.names(on: architecture))
        }
        var allowed: [Change] = []
        var denied: [Change] = []
        var changed: [Change] = []
        for name in names.sorted() {
            let va = pa.verdict(for: name)
            let vb = pb.verdict(for: name)
            guard va != vb else { continue }
            let change = Change(name: name, before: Self.describe(va), after: Self.describe(vb))
            switch (va.letsSomeCalls, vb.letsSomeCalls) {
            case (false, true): allowed.append(change)
            case (true, false): denied.append(change)
            default: changed.append(change)
            }
        }
        nowAllowed = allowed
        nowDenied = denied
        self.changed = changed
    }

    static func describe(_ verdict: EffectivePolicy.Verdict) -> String {
        switch verdict {
        case .allowed: "allowed"
        case .allowedWithArguments(let otherwise): "allowed with argument conditions (else \(otherwise.rawValue))"
        case .denied(let action): action.rawValue
        }
    }
}
