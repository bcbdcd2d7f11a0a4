import Foundation

/// `.dockerignore` semantics (moby's patternmatcher): patterns are relative to the context
/// root (a leading `/` is dropped, paths are cleaned), `*`/`?`/`[…]` match within one path
/// component, `**` matches any number of components, `!` re-includes, the last matching
/// pattern wins, and a pattern that matches a directory excludes everything below it.
public struct DockerignoreMatcher: Sendable {
    struct Pattern: Sendable {
        var components: [String]
        var negated: Bool
    }

    let patterns: [Pattern]

    public init(_ contents: String) {
        var patterns: [Pattern] = []
        for rawLine in contents.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            var negated = false
            if line.hasPrefix("!") {
                negated = true
                line = String(line.dropFirst()).trimmingCharacters(in: .whitespaces)
            }
            let components = Self.clean(line)
            guard !components.isEmpty else { continue }
            patterns.append(Pattern(components: components, negated: negated))
        }
        self.patterns = patterns
    }

    /// Whether the context-relative `path` (e.g. `.git`, `config/id_rsa`) is left out of the build context.
    public func excludes(_ path: String) -> Bool {
        let parts = Self.clean(path)
        var excluded = false
        for pattern in patterns {
            // A match on the path or on any of its parent directories counts.
            var matched = false
            for n in stride(from: parts.count, through: 1, by: -1)
            where Self.match(pattern.components[...], parts[..<n]) {
                matched = true
                break
            }
            if matched { excluded = !pattern.negated }
        }
        return excluded
    }

    /// Splits into components after `filepath.Clean`: no empty, `.` or leading-`/` parts; `..` pops.
    static func clean(_ path: String) -> [String] {
        var out: [String] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if !out.isEmpty { out.removeLast() }
                continue
            }
            out.append(String(part))
        }
        return out
    }

    static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            var p = path
            while true {
                if match(rest, p) { return true }
                guard !p.isEmpty else { return false }
                p = p.dropFirst()
            }
        }
        guard let component = path.first, Self.matchComponent(Array(first.utf8)[...], Array(component.utf8)[...])
        else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    /// `path.Match` for one component: `*`, `?`, `[a-z]`, `[^…]`, `\` escapes.
    static func matchComponent(_ pattern: ArraySlice<UInt8>, _ name: ArraySlice<UInt8>) -> Bool {
        var p = pattern
        var n = name
        while let c = p.first {
            switch c {
            case UInt8(ascii: "*"):
                let rest = p.drop { $0 == UInt8(ascii: "*") }
                if rest.isEmpty { return true }
                var candidate = n
                while true {
                    if matchComponent(rest, candidate) { return true }
                    guard !candidate.isEmpty else { return false }
                    candidate = candidate.dropFirst()
                }
            case UInt8(ascii: "?"):
                guard !n.isEmpty else { return false }
                p = p.dropFirst()
                n = n.dropFirst()
            case UInt8(ascii: "["):
                guard let ch = n.first, let (matched, after) = matchClass(p.dropFirst(), ch), matched else {
                    return false
                }
                p = after
                n = n.dropFirst()
            case UInt8(ascii: "\\") where p.count > 1:
                p = p.dropFirst()
                guard n.first == p.first else { return false }
                p = p.dropFirst()
                n = n.dropFirst()
            default:
                guard n.first == c else { return false }
                p = p.dropFirst()
                n = n.dropFirst()
            }
        }
        return n.isEmpty
    }

    /// Matches `ch` against a `[…]` class starting after `[`; returns the match and the rest of the pattern.
    private static func matchClass(_ pattern: ArraySlice<UInt8>, _ ch: UInt8) -> (Bool, ArraySlice<UInt8>)? {
        var p = pattern
        var negate = false
        if p.first == UInt8(ascii: "^") || p.first == UInt8(ascii: "!") {
            negate = true
            p = p.dropFirst()
        }
        var matched = false
        var first = true
        while let c = p.first {
            if c == UInt8(ascii: "]"), !first { return (matched != negate, p.dropFirst()) }
            first = false
            var lo = c
            p = p.dropFirst()
            if lo == UInt8(ascii: "\\"), let e = p.first {
                lo = e
                p = p.dropFirst()
            }
            var hi = lo
            if p.first == UInt8(ascii: "-"), p.count > 1, p[p.startIndex + 1] != UInt8(ascii: "]") {
                hi = p[p.startIndex + 1]
                p = p.dropFirst(2)
            }
            if lo <= ch, ch <= hi { matched = true }
        }
        return nil
    }
}
