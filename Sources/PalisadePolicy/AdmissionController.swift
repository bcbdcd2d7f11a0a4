import PalisadeCore
import PalisadeFormats
import PalisadeKube

/// Decides admission requests with a policy: the rules of `palisade k8s`, selected and given an
/// action by the policy. Pure and thread-safe: the server calls it from every event loop.
public struct AdmissionController: Sendable {
    public let policy: AdmissionPolicy

    public init(policy: AdmissionPolicy) {
        self.policy = policy
    }

    /// Validates `request`; with `mutate`, also computes the secure-default patch (mutating webhook).
    public func decide(_ request: AdmissionRequest, mutate: Bool = false) -> AdmissionDecision {
        // Implemented in the lead's branch; this placeholder allows everything.
        AdmissionDecision(allowed: true)
    }
}
