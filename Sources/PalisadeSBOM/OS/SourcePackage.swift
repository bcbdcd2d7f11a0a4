/// The `sourceName`/`sourceVersion` pair of `Package`: both nil when the source package is the
/// binary package itself, both set otherwise, so the matcher never has to guess which half is missing.
enum SourcePackage {
    static func pair(
        name: String, version: String, sourceName: String?, sourceVersion: String?
    ) -> (name: String?, version: String?) {
        guard let sourceName, !sourceName.isEmpty else { return (nil, nil) }
        let resolvedVersion = (sourceVersion?.isEmpty ?? true) ? version : sourceVersion ?? version
        if sourceName == name && resolvedVersion == version { return (nil, nil) }
        return (sourceName, resolvedVersion)
    }
}
