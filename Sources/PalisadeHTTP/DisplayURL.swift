/// The form of a URL that may appear in messages: no `user:password@`, no query or fragment
/// (signed URLs carry tokens there).
enum DisplayURL {
    static func redact(_ url: String) -> String {
        var text = Substring(url)
        if let cut = text.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            text = text[..<cut]
        }
        guard let schemeEnd = text.range(of: "://") else { return String(text.prefix(200)) }
        let authorityStart = schemeEnd.upperBound
        let authorityEnd = text[authorityStart...].firstIndex(of: "/") ?? text.endIndex
        if let at = text[authorityStart..<authorityEnd].lastIndex(of: "@") {
            text = text[..<authorityStart] + text[text.index(after: at)...]
        }
        return String(text.prefix(200))
    }
}
