import PalisadeCore
import PalisadeFormats

/// Everything a Kubernetes scan produced.
public struct KubeScanResult: Sendable {
    public var findings: [Finding] = []
    /// Inputs (or parts of inputs) that could not be read; the rest was still scanned.
    public var errors: [InputError] = []
    /// Things the user should know that are not problems (skipped non-Kubernetes documents).
    public var notes: [String] = []
    public var workloads: [WorkloadPosture] = []
    public var fileCount = 0
    public var objectCount = 0
    public var byteCount = 0
    /// Findings silenced by a `palisade.dev/ignore` annotation.
    public var suppressedByAnnotation = 0

    public init() {}

    mutating func merge(_ other: KubeScanResult) {
        findings.append(contentsOf: other.findings)
        errors.append(contentsOf: other.errors)
        notes.append(contentsOf: other.notes)
        workloads.append(contentsOf: other.workloads)
        fileCount += other.fileCount
        objectCount += other.objectCount
        byteCount += other.byteCount
        suppressedByAnnotation += other.suppressedByAnnotation
    }
}
