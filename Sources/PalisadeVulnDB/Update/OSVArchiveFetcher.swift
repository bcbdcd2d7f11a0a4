import Foundation
import PalisadeHTTP

/// Validators remembered from the last successful fetch of one ecosystem's archive, so the next update is a
/// conditional request (unchanged archive → 304, no body).
public struct ArchiveValidators: Equatable, Sendable, Codable {
    public var etag: String?
    public var lastModified: String?
    /// Lowercase hex SHA-256 of the archive as stored locally.
    public var sha256: String?

    public init(etag: String? = nil, lastModified: String? = nil, sha256: String? = nil) {
        self.etag = etag
        self.lastModified = lastModified
        self.sha256 = sha256
    }
}

/// One ecosystem's archive after an update: where it is on disk and whether it changed.
public struct FetchedArchive: Equatable, Sendable {
    public enum Change: Equatable, Sendable {
        /// A new archive was downloaded and verified.
        case changed
        /// The server confirmed the local copy is current.
        case notModified
    }

    public var ecosystem: String
    public var url: String
    public var localPath: String
    public var change: Change
    public var etag: String?
    public var lastModified: String?
    public var sha256: String
    public var bytes: Int64
}

/// Why an update could not fetch the archives.
public enum OSVFetchError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `--offline` was given but the operation needs the network.
    case offline(ecosystems: [String])
    /// The ecosystem name cannot become a URL path segment / file name (empty, "." or "..", control characters).
    case invalidEcosystem(String)
    case invalidBaseURL(String)
    case cacheDirectory(path: String, detail: String)
    /// Downloading one ecosystem's archive failed.
    case download(ecosystem: String, error: HTTPError)

    public var description: String {
        switch self {
        case .offline(let ecosystems):
            return "offline mode: not downloading advisories for \(ecosystems.joined(separator: ", ")); "
                + "drop --offline or import a local export"
        case .invalidEcosystem(let name):
            return "invalid ecosystem name \(name.debugDescription)"
        case .invalidBaseURL(let url):
            return "invalid advisory base URL \(url.debugDescription): must start with https://"
        case .cacheDirectory(let path, let detail):
            return "\(path): cannot use as download cache (\(detail))"
        case .download(let ecosystem, let error):
            return "\(ecosystem): \(error)"
        }
    }
}

/// Downloads the published per-ecosystem OSV archives (`<base>/<ECOSYSTEM>/all.zip`) into a cache directory,
/// only for the chosen ecosystems, conditionally (ETag / Last-Modified) and resumably.
///
/// It knows nothing about the advisory store: the caller passes the validators it recorded last time and imports
/// the archives marked `.changed`.
public struct OSVArchiveFetcher: Sendable {
    /// OSV's public bucket.
    public static let defaultBaseURL = "https://osv-vulnerabilities.storage.googleapis.com"

    public struct Configuration: Sendable {
        public var baseURL: String
        public var ecosystems: [String]
        /// Archives land here as `<encoded ecosystem>.zip` (partial downloads as `.zip.part`).
        public var cacheDirectory: String
        public var caFile: String?
        /// When true, `fetch` refuses before touching the network.
        public var offline: Bool

        public init(
            baseURL: String = OSVArchiveFetcher.defaultBaseURL, ecosystems: [String], cacheDirectory: String,
            caFile: String? = nil, offline: Bool = false
        ) {
            self.baseURL = baseURL
            self.ecosystems = ecosystems
            self.cacheDirectory = cacheDirectory
            self.caFile = caFile
            self.offline = offline
        }
    }

    public var configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// The archive URL for one ecosystem: the name is percent-encoded as one path segment
    /// ("Debian:12" → "Debian%3A12", "GitHub Actions" → "GitHub%20Actions").
    public static func archiveURL(baseURL: String, ecosystem: String) throws(OSVFetchError) -> String {
        guard baseURL.lowercased().hasPrefix("https://") else { throw .invalidBaseURL(baseURL) }
        var base = Substring(baseURL)
        while base.hasSuffix("/") { base = base.dropLast() }
        return base + "/" + (try encodedSegment(ecosystem)) + "/all.zip"
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters; rejects names that would escape the path.
    public static func encodedSegment(_ ecosystem: String) throws(OSVFetchError) -> String {
        let bytes = Array(ecosystem.utf8)
        guard !bytes.isEmpty, bytes.count <= 128, ecosystem != ".", ecosystem != "..",
            !bytes.contains(where: { $0 < 0x20 || $0 == 0x7F })
        else { throw .invalidEcosystem(ecosystem) }
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Fetches every configured ecosystem in order. `previous` maps ecosystem → validators of the archive
    /// already imported; an ecosystem whose cached zip is missing is downloaded unconditionally.
    public func fetch(previous: [String: ArchiveValidators]) throws(OSVFetchError) -> [FetchedArchive] {
        if configuration.offline { throw .offline(ecosystems: configuration.ecosystems) }
        let cache = configuration.cacheDirectory
        do {
            try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        } catch {
            throw .cacheDirectory(path: cache, detail: error.localizedDescription)
        }
        var downloader = HTTPDownloader()
        downloader.configuration.caFile = configuration.caFile
        var results: [FetchedArchive] = []
        for ecosystem in configuration.ecosystems {
            let url = try Self.archiveURL(baseURL: configuration.baseURL, ecosystem: ecosystem)
            let localPath = cache + "/" + (try Self.encodedSegment(ecosystem)) + ".zip"
            let known = previous[ecosystem]
            let haveLocal = FileManager.default.fileExists(atPath: localPath)
            let conditional =
                haveLocal ? known.map { ConditionalHeaders(etag: $0.etag, lastModified: $0.lastModified) } : nil
            do throws(HTTPError) {
                switch try downloader.download(url: url, to: localPath, conditional: conditional) {
                case .notModified:
                    let digest = try FileDigest.compute(path: localPath)
                    results.append(
                        FetchedArchive(
                            ecosystem: ecosystem, url: url, localPath: localPath, change: .notModified,
                            etag: known?.etag, lastModified: known?.lastModified, sha256: digest.sha256,
                            bytes: digest.bytes))
                case .downloaded(let file):
                    results.append(
                        FetchedArchive(
                            ecosystem: ecosystem, url: url, localPath: localPath, change: .changed, etag: file.etag,
                            lastModified: file.lastModified, sha256: file.sha256, bytes: file.bytes))
                }
            } catch {
                throw .download(ecosystem: ecosystem, error: error)
            }
        }
        return results
    }
}
