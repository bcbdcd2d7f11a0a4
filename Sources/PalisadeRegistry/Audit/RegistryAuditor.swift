import Crypto
import Foundation
import PalisadeCore
import PalisadeHTTP
import Synchronization

/// What `palisade registry audit` found for one repository: the summary table's row.
public struct RepositoryAudit: Sendable, Hashable {
    public var repository: String
    public var tags = 0
    public var signed = 0
    public var unsigned = 0
    public var moved = 0
    public var stale = 0
    public var anonymousPull = false
}

/// One tag the audit saw, for follow-up scans (vulnerabilities).
public struct AuditedImage: Sendable, Hashable {
    public var repository: String
    public var tag: String
    public var digest: String
}

public struct RegistryAuditResult: Sendable {
    public var findings: [Finding]
    public var repositories: [RepositoryAudit]
    public var images: [AuditedImage] = []
    /// Repositories that could not be walked, one line each; the others are still audited.
    public var errors: [String] = []
}

/// Audits one registry: transport (plain HTTP, certificate), anonymous access, every
/// repository's tags (walked with bounded concurrency), tags that moved since the last audit,
/// signatures (cosign's `sha256-<hex>.sig` tag, the OCI referrers API) and stale tags.
public struct RegistryAuditor: Sendable {
    public struct Options: Sendable {
        public var host: String
        /// Only this repository, when the target named one.
        public var repository: String?
        public var client: RegistryClient.Configuration
        public var jobs = 8
        /// Tags whose image was created longer ago than this are reported for pruning.
        public var olderThanDays: Int?
        public var historyPath: String
        /// Signatures must verify with this key (`--key cosign.pub`), not merely exist.
        public var verifier: CosignVerifier?
        /// Called after each repository: (repositories done, repositories in total).
        public var progress: (@Sendable (Int, Int) -> Void)?
        public var now = Date()

        public init(host: String, repository: String?, client: RegistryClient.Configuration, historyPath: String) {
            self.host = host
            self.repository = repository
            self.client = client
            self.historyPath = historyPath
        }
    }

    public let options: Options

    public init(options: Options) { self.options = options }

    static let signatureSuffixes = [".sig", ".att", ".sbom"]

    public func run() throws(RegistryError) -> RegistryAuditResult {
        let host = options.host
        let client = RegistryClient(host: host, configuration: options.client)
        var anonymousConfiguration = options.client
        anonymousConfiguration.credentials = nil
        let anonymous = RegistryClient(host: host, configuration: anonymousConfiguration)
        var findings: [Finding] = []
        let target = host + (options.repository.map { "/" + $0 } ?? "")

        // Transport.
        if options.client.plainHTTP {
            findings.append(
                Finding(
                    rule: RegistryRules.plainHTTP, message: "\(host) serves the registry API over plain HTTP.",
                    object: nil, location: Self.location(target, "transport")))
        } else {
            do {
                _ = try anonymous.head("/v2/", scope: "")
            } catch  where error.kind == .tls {
                let presented = TLSProbe.certificates(host: host, caFile: nil, verify: false).chain.first
                var why: [String] = []
                if let leaf = presented {
                    if leaf.isSelfSigned { why.append("self-signed (\(leaf.subject))") }
                    if let end = leaf.notAfter, end < options.now { why.append("expired on \(Self.day(end))") }
                }
                findings.append(
                    Finding(
                        rule: RegistryRules.tlsUntrusted,
                        message: "\(host): the certificate does not verify"
                            + (why.isEmpty ? "" : ": " + why.joined(separator: ", ")) + " (\(error.message))",
                        object: nil, location: Self.location(target, "tls")))
                // Nothing further can be trusted over this connection.
                return RegistryAuditResult(findings: findings, repositories: [])
            } catch {
                // 401 and friends are for the checks below.
            }
            let (chain, _) = TLSProbe.certificates(host: host, caFile: options.client.caFile)
            if let leaf = chain.first, let end = leaf.notAfter, end > options.now,
                end.timeIntervalSince(options.now) < 30 * 86_400
            {
                findings.append(
                    Finding(
                        rule: RegistryRules.tlsExpiring,
                        message: "\(host): the certificate (\(leaf.subject)) expires on \(Self.day(end)), in "
                            + "\(Int(end.timeIntervalSince(options.now) / 86_400)) days.", object: nil,
                        location: Self.location(target, "tls")))
            }
            if TLSProbe.acceptsLegacyTLS(host: host) {
                findings.append(
                    Finding(
                        rule: RegistryRules.tlsLegacy,
                        message: "\(host) completes a handshake offering only TLS 1.0/1.1.",
                        object: nil, location: Self.location(target, "tls")))
            }
            if Self.answersPlainHTTP(host) {
                findings.append(
                    Finding(
                        rule: RegistryRules.httpAccepted,
                        message: "http://\(host)/v2/ answers the registry API without TLS.", object: nil,
                        location: Self.location(target, "transport")))
            }
        }

        // Anonymous catalog.
        if options.repository == nil, (try? anonymous.get("/v2/_catalog?n=1", scope: "", maxBytes: 1 << 20)) != nil {
            findings.append(
                Finding(
                    rule: RegistryRules.anonymousCatalog,
                    message: "GET /v2/_catalog on \(host) succeeds without credentials.", object: nil,
                    location: Self.location(target, "/v2/_catalog")))
        }

        let repositories: [String]
        if let only = options.repository {
            repositories = [only]
        } else {
            repositories = try client.repositories()
        }
        var history = try TagHistory.load(options.historyPath)
        let now = ISO8601DateFormatter().string(from: options.now)

        // Repositories in parallel, results in catalog order.
        let results = Mutex<[Int: Result<RepositoryWalk, RegistryError>]>([:])
        let next = Mutex(0)
        let workers = max(1, min(options.jobs, repositories.count))
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                while true {
                    let index = next.withLock { n -> Int in
                        defer { n += 1 }
                        return n
                    }
                    guard index < repositories.count else { return }
                    let outcome = Result { () throws(RegistryError) -> RepositoryWalk in
                        try walk(repositories[index], client: client, anonymous: anonymous)
                    }
                    let done = results.withLock { r -> Int in
                        r[index] = outcome
                        return r.count
                    }
                    options.progress?(done, repositories.count)
                }
            }
            thread.start()
        }
        group.wait()

        var summaries: [RepositoryAudit] = []
        var images: [AuditedImage] = []
        var errors: [String] = []
        let walks = results.withLock { $0 }
        for index in repositories.indices {
            guard let outcome = walks[index] else { continue }
            let walk: RepositoryWalk
            switch outcome {
            case .success(let w): walk = w
            case .failure(let error):
                errors.append("\(repositories[index]): \(error.message)")
                continue
            }
            var summary = walk.summary
            findings += walk.findings
            for (tag, digest) in walk.digests {
                images.append(AuditedImage(repository: walk.summary.repository, tag: tag, digest: digest))
                let key = "\(host)/\(walk.summary.repository):\(tag)"
                if let previous = history.record(key, digest: digest, now: now) {
                    summary.moved += 1
                    findings.append(
                        Finding(
                            rule: RegistryRules.tagMoved,
                            message: "\(key) now points to \(digest) (since \(now)); it pointed to \(previous.digest) "
                                + "(seen \(previous.firstSeen) to \(previous.lastSeen)).", object: nil,
                            location: Self.location(key, "tag")))
                }
            }
            summaries.append(summary)
        }
        try history.save()
        return RegistryAuditResult(findings: findings, repositories: summaries, images: images, errors: errors)
    }

    struct RepositoryWalk: Sendable {
        var summary: RepositoryAudit
        var findings: [Finding] = []
        /// (tag, manifest digest), tags in listing order.
        var digests: [(String, String)] = []
    }

    func walk(_ repository: String, client: RegistryClient, anonymous: RegistryClient) throws(RegistryError)
        -> RepositoryWalk
    {
        let host = options.host
        var walk = RepositoryWalk(summary: RepositoryAudit(repository: repository))
        let allTags = try client.tags(of: repository)
        let tagSet = Set(allTags)
        let tags = allTags.sorted().filter { tag in
            !(tag.hasPrefix("sha256-") && Self.signatureSuffixes.contains { tag.hasSuffix($0) })
        }
        let scope = "repository:\(repository):pull"
        for tag in tags {
            let reference = "\(host)/\(repository):\(tag)"
            let digest = try manifestDigest(repository, tag, client: client)
            walk.digests.append((tag, digest))
            walk.summary.tags += 1
            let sigTag = "sha256-" + digest.dropFirst(7) + ".sig"
            if let verifier = options.verifier {
                if tagSet.contains(sigTag)
                    && verifier.verifyTag(sigTag, repository: repository, digest: digest, client: client)
                {
                    walk.summary.signed += 1
                } else {
                    walk.summary.unsigned += 1
                    walk.findings.append(
                        Finding(
                            rule: tagSet.contains(sigTag) ? RegistryRules.badSignature : RegistryRules.unsigned,
                            message: tagSet.contains(sigTag)
                                ? "\(reference) (\(digest)): no signature in \(sigTag) verifies with the given key."
                                : "\(reference) (\(digest)) has no cosign signature to verify.",
                            object: nil, location: Self.location(reference, "signature")))
                }
            } else if tagSet.contains(sigTag) || hasReferrers(repository, digest, client: client) {
                walk.summary.signed += 1
            } else {
                walk.summary.unsigned += 1
                walk.findings.append(
                    Finding(
                        rule: RegistryRules.unsigned,
                        message: "\(reference) (\(digest)) has no cosign signature tag and no signature referrer.",
                        object: nil, location: Self.location(reference, "signature")))
            }
            if let days = options.olderThanDays, let created = try createdDate(repository, digest, client: client),
                options.now.timeIntervalSince(created) > Double(days) * 86_400
            {
                walk.summary.stale += 1
                let age = Int(options.now.timeIntervalSince(created) / 86_400)
                walk.findings.append(
                    Finding(
                        rule: RegistryRules.staleTag,
                        message: "\(reference) was built \(age) days ago (limit \(days)).", object: nil,
                        location: Self.location(reference, "config.created")))
            }
        }
        if let first = tags.first {
            if (try? anonymous.head(
                "/v2/\(repository)/manifests/\(first)", accept: RegistryImageSource.manifestTypes, scope: scope)) != nil
            {
                walk.summary.anonymousPull = true
                walk.findings.append(
                    Finding(
                        rule: RegistryRules.anonymousPull,
                        message: "\(host)/\(repository):\(first) can be pulled without credentials.", object: nil,
                        location: Self.location("\(host)/\(repository)", "pull")))
            }
        }
        return walk
    }

    func manifestDigest(_ repository: String, _ tag: String, client: RegistryClient) throws(RegistryError) -> String {
        let path = "/v2/\(repository)/manifests/\(tag)"
        let head = try client.head(
            path, accept: RegistryImageSource.manifestTypes, scope: "repository:\(repository):pull")
        if let digest = head[header: "docker-content-digest"], RegistryReference.isDigest(digest) { return digest }
        let body = try client.get(
            path, accept: RegistryImageSource.manifestTypes, scope: "repository:\(repository):pull",
            maxBytes: RegistryImageSource.manifestCap
        ).body
        return RegistryImageSource.sha256(body)
    }

    /// Whether the OCI referrers API lists anything for `digest` (signatures, attestations).
    func hasReferrers(_ repository: String, _ digest: String, client: RegistryClient) -> Bool {
        guard
            let response = try? client.get(
                "/v2/\(repository)/referrers/\(digest)", accept: ["application/vnd.oci.image.index.v1+json"],
                scope: "repository:\(repository):pull", maxBytes: 1 << 20),
            let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
            let manifests = object["manifests"] as? [[String: Any]]
        else { return false }
        return manifests.contains { m in
            let type = (m["artifactType"] as? String ?? "").lowercased()
            return type.contains("sig") || type.contains("cosign") || type.contains("notary")
        }
    }

    /// The image config's `created` time (the first platform's, for an index).
    func createdDate(_ repository: String, _ digest: String, client: RegistryClient) throws(RegistryError) -> Date? {
        let scope = "repository:\(repository):pull"
        var manifest = try client.get(
            "/v2/\(repository)/manifests/\(digest)", accept: RegistryImageSource.manifestTypes, scope: scope,
            maxBytes: RegistryImageSource.manifestCap
        ).body
        var object = try? JSONSerialization.jsonObject(with: Data(manifest)) as? [String: Any]
        if let entries = object?["manifests"] as? [[String: Any]], let first = entries.first?["digest"] as? String {
            manifest = try client.get(
                "/v2/\(repository)/manifests/\(first)", accept: RegistryImageSource.manifestTypes, scope: scope,
                maxBytes: RegistryImageSource.manifestCap
            ).body
            object = try? JSONSerialization.jsonObject(with: Data(manifest)) as? [String: Any]
        }
        guard let config = (object?["config"] as? [String: Any])?["digest"] as? String,
            RegistryReference.isDigest(config)
        else { return nil }
        let bytes = try client.get(
            "/v2/\(repository)/blobs/\(config)", scope: scope, maxBytes: RegistryImageSource.configCap
        )
        .body
        guard
            let created = (try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])?["created"]
                as? String
        else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: created) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: created)
    }

    /// Whether `http://host/v2/` answers as a registry (a TLS-only port answers plain HTTP with a
    /// 400 and no API version header, which is not acceptance).
    static func answersPlainHTTP(_ host: String) -> Bool {
        var configuration = HTTPClient.Configuration(allowInsecureHTTP: true)
        configuration.connectTimeoutSeconds = 5
        configuration.lowSpeedSeconds = 10
        guard
            let response = try? HTTPClient(configuration: configuration).send(
                HTTPRequest(.get, url: "http://\(host)/v2/"), maxBodyBytes: 1 << 16)
        else { return false }
        return (response.status == 200 || response.status == 401)
            && response[header: "docker-distribution-api-version"] != nil
    }

    static func day(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: date)
    }

    static func location(_ file: String, _ path: String) -> Location {
        Location(file: file, line: 0, column: 0, path: path)
    }
}
