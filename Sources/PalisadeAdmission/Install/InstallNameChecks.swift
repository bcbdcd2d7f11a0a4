/// Kubernetes name rules the install options must follow (RFC 1123 / RFC 1035 labels).
enum DNSName {
    static let maxLabelLength = 63

    /// Why `text` is not a DNS label (lowercase letters, digits and `-`, starting and ending with
    /// an alphanumeric, at most 63 characters), or `nil` when it is one. Services additionally need
    /// a leading letter (RFC 1035), hence `mustStartWithLetter`.
    static func labelProblem(_ text: String, mustStartWithLetter: Bool = false) -> String? {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last else { return "must not be empty" }
        if bytes.count > maxLabelLength { return "at most \(maxLabelLength) characters" }
        let allowed = bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
        if !allowed { return "use lowercase letters, digits and '-' only" }
        if mustStartWithLetter, !(UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) {
            return "must start with a lowercase letter"
        }
        if !isLowerAlphanumeric(first) || !isLowerAlphanumeric(last) {
            return "must start and end with a letter or digit"
        }
        return nil
    }

    private static func isLowerAlphanumeric(_ b: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b)
    }
}

/// A light check of a container image reference: the kubelet and the registry have the final word,
/// this only catches what would certainly fail or silently float (empty, spaces, a malformed digest).
enum ImageName {
    static func problem(_ reference: String) -> String? {
        if reference.isEmpty { return "must not be empty" }
        let allowed = reference.unicodeScalars.allSatisfy { c in
            switch c {
            case "a"..."z", "A"..."Z", "0"..."9", ".", "-", "_", "/", ":", "@": true
            default: false
            }
        }
        if !allowed { return "only letters, digits and . - _ / : @ may appear in an image reference" }
        let parts = reference.split(separator: "@", omittingEmptySubsequences: false)
        if parts.count > 2 || parts[0].isEmpty { return "expected NAME[:TAG][@sha256:DIGEST]" }
        if parts.count == 2 {
            let digest = parts[1]
            let hex = digest.dropFirst("sha256:".count)
            let isHex = hex.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
            if !digest.hasPrefix("sha256:") || hex.count != 64 || !isHex {
                return "a digest must be sha256: followed by 64 lowercase hex digits"
            }
        }
        return nil
    }
}
