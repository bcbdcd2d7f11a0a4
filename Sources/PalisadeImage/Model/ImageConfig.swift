/// The parts of an image's config JSON (OCI image config / Docker `container_config`) that
/// security checks read. Values are kept as the image records them; checks interpret them.
public struct ImageConfig: Sendable, Hashable {
    public var architecture: String
    public var os: String
    public var variant: String?
    public var created: String?
    /// `config.User`: empty or nil means root.
    public var user: String?
    /// `config.Env`, `NAME=value` strings in order (index = `config.Env[i]` in locations).
    public var env: [String]
    public var entrypoint: [String]?
    public var cmd: [String]?
    public var workingDir: String?
    /// `config.ExposedPorts` keys, e.g. `22/tcp`, sorted.
    public var exposedPorts: [String]
    /// `config.Labels`, sorted by key.
    public var labels: [(key: String, value: String)]
    public var volumes: [String]
    public var stopSignal: String?
    public var healthcheck: Healthcheck?
    public var history: [HistoryEntry]
    /// `rootfs.diff_ids`: the uncompressed layer digests, in order.
    public var diffIDs: [String]

    public init(
        architecture: String = "", os: String = "", variant: String? = nil, created: String? = nil,
        user: String? = nil, env: [String] = [], entrypoint: [String]? = nil, cmd: [String]? = nil,
        workingDir: String? = nil, exposedPorts: [String] = [], labels: [(key: String, value: String)] = [],
        volumes: [String] = [], stopSignal: String? = nil, healthcheck: Healthcheck? = nil,
        history: [HistoryEntry] = [], diffIDs: [String] = []
    ) {
        self.architecture = architecture
        self.os = os
        self.variant = variant
        self.created = created
        self.user = user
        self.env = env
        self.entrypoint = entrypoint
        self.cmd = cmd
        self.workingDir = workingDir
        self.exposedPorts = exposedPorts
        self.labels = labels
        self.volumes = volumes
        self.stopSignal = stopSignal
        self.healthcheck = healthcheck
        self.history = history
        self.diffIDs = diffIDs
    }

    public static func == (a: ImageConfig, b: ImageConfig) -> Bool {
        a.architecture == b.architecture && a.os == b.os && a.variant == b.variant && a.created == b.created
            && a.user == b.user && a.env == b.env && a.entrypoint == b.entrypoint && a.cmd == b.cmd
            && a.workingDir == b.workingDir && a.exposedPorts == b.exposedPorts
            && a.labels.map(\.key) == b.labels.map(\.key) && a.labels.map(\.value) == b.labels.map(\.value)
            && a.volumes == b.volumes && a.stopSignal == b.stopSignal && a.healthcheck == b.healthcheck
            && a.history == b.history && a.diffIDs == b.diffIDs
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(architecture)
        hasher.combine(os)
        hasher.combine(env)
        hasher.combine(diffIDs)
    }
}

/// `config.Healthcheck`. `test == ["NONE"]` disables a healthcheck inherited from the base image.
public struct Healthcheck: Sendable, Hashable {
    public var test: [String]

    public init(test: [String]) { self.test = test }

    /// True when the healthcheck is explicitly disabled or empty.
    public var isDisabled: Bool { test.isEmpty || test.first == "NONE" }
}

/// One `history[]` entry: the Dockerfile instruction (as the builder recorded it) behind a layer.
public struct HistoryEntry: Sendable, Hashable {
    public var created: String?
    /// e.g. `/bin/sh -c #(nop)  USER app` or `RUN /bin/sh -c apt-get install -y curl # buildkit`.
    public var createdBy: String
    public var comment: String?
    /// True for metadata-only instructions (ENV, USER, …) that add no layer.
    public var emptyLayer: Bool

    public init(created: String? = nil, createdBy: String, comment: String? = nil, emptyLayer: Bool = false) {
        self.created = created
        self.createdBy = createdBy
        self.comment = comment
        self.emptyLayer = emptyLayer
    }
}
