/// Reads packages out of one file. Catalogers are stateless and see one file at a time, so the
/// image pipeline can run them inside its single streaming pass over each layer, in parallel
/// across layers, and keep only the packages whose file survives in the merged filesystem.
public protocol PackageCataloger: Sendable {
    /// Short id for notes and `--catalogers` (`dpkg`, `python`, `go-binary`, …).
    var id: String { get }
    /// Called for every regular file of every layer; must be cheap (suffix/prefix tests on
    /// `path`). `path` is absolute and normalised (`/usr/lib/python3/dist-packages/x/METADATA`).
    /// `size` lets a cataloger refuse files larger than it can use.
    func wants(path: String, size: Int, isExecutable: Bool) -> Bool
    /// Packages described by the file's whole contents. Throws `CatalogError` for a file it
    /// wanted but cannot read; the pipeline turns that into a note and goes on.
    func catalog(path: String, contents: UnsafeRawBufferPointer) throws(CatalogError) -> [Package]
}

/// Why a wanted file gave no packages.
public struct CatalogError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
