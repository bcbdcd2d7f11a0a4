/// What `palisade image` / `palisade sbom` ask of a scan.
public struct ImageScanOptions: Sendable {
    public var platform: Platform
    public var limits: LayerScanLimits
    public var scanSecrets: Bool
    public var catalogPackages: Bool
    public var checkConfiguration: Bool
    /// Layers scanned at once; defaults to the active cores.
    public var jobs: Int

    public init(
        platform: Platform = .host, limits: LayerScanLimits = LayerScanLimits(), scanSecrets: Bool = true,
        catalogPackages: Bool = true, checkConfiguration: Bool = true, jobs: Int = 0
    ) {
        self.platform = platform
        self.limits = limits
        self.scanSecrets = scanSecrets
        self.catalogPackages = catalogPackages
        self.checkConfiguration = checkConfiguration
        self.jobs = jobs
    }
}
