/// The highest Pod Security Standards level one workload satisfies.
public struct WorkloadPosture: Sendable, Codable, Hashable {
    public var object: ObjectReference
    public var file: String
    public var line: Int
    public var podSecurityLevel: PodSecurityLevel

    public init(object: ObjectReference, file: String, line: Int, podSecurityLevel: PodSecurityLevel) {
        self.object = object
        self.file = file
        self.line = line
        self.podSecurityLevel = podSecurityLevel
    }
}
