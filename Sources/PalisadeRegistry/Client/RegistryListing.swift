import Foundation
import PalisadeHTTP

/// The registry's listings: `/v2/_catalog` and `/v2/<name>/tags/list`, followed page by page
/// through the `Link: <…>; rel="next"` header (with `n`/`last` as the spec defines), with a
/// ceiling so a looping server cannot keep a walk going forever.
extension RegistryClient {
    /// Every repository the catalog lists (the registry decides what the credentials may see).
    public func repositories(pageSize: Int = 100, limit: Int = 100_000) throws(RegistryError) -> [String] {
        try walk(first: "/v2/_catalog?n=\(pageSize)", key: "repositories", scope: "registry:catalog:*", limit: limit)
    }

    /// Every tag of `repository`.
    public func tags(of repository: String, pageSize: Int = 1000, limit: Int = 100_000) throws(RegistryError)
        -> [String]
    {
        try walk(
            first: "/v2/\(repository)/tags/list?n=\(pageSize)", key: "tags", scope: "repository:\(repository):pull",
            limit: limit)
    }

    private func walk(first: String, key: String, scope: String, limit: Int) throws(RegistryError) -> [String] {
        var out: [String] = []
        var next: String? = first
        var seenPages: Set<String> = []
        while let page = next {
            guard seenPages.insert(page).inserted, out.count < limit else { break }
            let response = try get(page, accept: ["application/json"], scope: scope, maxBytes: 8 << 20)
            guard let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] else {
                throw RegistryError(.integrity, "\(host)\(Self.display(page)): not a JSON listing")
            }
            let items = object[key] as? [String] ?? []
            out += items
            next = Self.nextPage(link: response[header: "link"])
            // Registries without Link headers: continue from the last item while full pages come back.
            if next == nil, let last = items.last,
                let n = Self.queryValue("n", in: page), let size = Int(n), items.count >= size
            {
                let base = page.split(separator: "?").first.map(String.init) ?? page
                next = base + "?n=\(size)&last=" + Self.percentEncode(last)
            }
        }
        return out
    }

    /// The path of `Link: </v2/_catalog?last=b&n=2>; rel="next"`; nil when there is no next page.
    static func nextPage(link: String?) -> String? {
        guard let link else { return nil }
        for part in link.split(separator: ",") {
            guard part.contains("rel=\"next\"") || part.contains("rel=next"),
                let open = part.firstIndex(of: "<"), let close = part.firstIndex(of: ">"), open < close
            else { continue }
            var target = String(part[part.index(after: open)..<close])
            if let schemeEnd = target.range(of: "://") {
                // Absolute: keep only the path and query (same registry).
                let rest = target[schemeEnd.upperBound...]
                target = rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
            }
            return target.hasPrefix("/") ? target : nil
        }
        return nil
    }

    static func queryValue(_ name: String, in path: String) -> String? {
        guard let query = path.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
        for pair in query.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            if kv.count == 2, kv[0] == name { return String(kv[1]) }
        }
        return nil
    }
}
