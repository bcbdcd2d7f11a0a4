/// Checks that a declared licence is an SPDX licence expression made only of ids from the SPDX
/// licence list, and returns it in canonical form. SBOM writers put only such expressions in
/// fields that require them (SPDX `licenseDeclared`, CycloneDX `license.id`/`expression`);
/// free text (`GPL2+`, `custom`) goes where free text is allowed.
///
/// Grammar (SPDX 2.3 Annex D): `expr := term (("AND" | "OR") term)*`,
/// `term := "(" expr ")" | id ["+"] ["WITH" id]`. `LicenseRef-`/`DocumentRef-` are refused: they
/// need extracted licence text the document would have to carry. Operators must be upper case;
/// ids match case-insensitively and are returned in the list's spelling. `WITH` accepts any
/// listed id on its right (the list does not mark which ids are exceptions).
enum SPDXLicenseExpression {
    enum Kind: Equatable {
        /// One listed licence id, no operator.
        case single
        /// Several ids joined by operators.
        case compound
    }

    static let maximumTokens = 256
    static let maximumDepth = 16

    /// The canonical expression and whether it is a single id; nil when not a valid expression.
    static func canonical(_ text: String) -> (expression: String, kind: Kind)? {
        guard let tokens = tokenize(text), !tokens.isEmpty, tokens.count <= maximumTokens else { return nil }
        var parser = Parser(tokens: tokens)
        guard let expression = parser.parseExpression(depth: 0), parser.position == tokens.count else { return nil }
        return (expression, tokens.count == 1 ? .single : .compound)
    }

    private static func tokenize(_ text: String) -> [String]? {
        var tokens: [String] = []
        var current = ""
        for character in text {
            switch character {
            case "(", ")":
                if !current.isEmpty { tokens.append(current) }
                current = ""
                tokens.append(String(character))
            case " ", "\t", "\n", "\r":
                if !current.isEmpty { tokens.append(current) }
                current = ""
            default:
                guard character.isASCII, character.isLetter || character.isNumber || "-.+:".contains(character) else {
                    return nil
                }
                current.append(character)
            }
            if tokens.count > maximumTokens { return nil }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    private struct Parser {
        let tokens: [String]
        var position = 0

        mutating func parseExpression(depth: Int) -> String? {
            guard depth < SPDXLicenseExpression.maximumDepth, var result = parseTerm(depth: depth) else { return nil }
            while position < tokens.count, tokens[position] == "AND" || tokens[position] == "OR" {
                let operatorToken = tokens[position]
                position += 1
                guard let next = parseTerm(depth: depth) else { return nil }
                result += " \(operatorToken) \(next)"
            }
            return result
        }

        mutating func parseTerm(depth: Int) -> String? {
            guard position < tokens.count else { return nil }
            if tokens[position] == "(" {
                position += 1
                guard let inner = parseExpression(depth: depth + 1), position < tokens.count, tokens[position] == ")"
                else { return nil }
                position += 1
                return "(\(inner))"
            }
            guard var license = Self.listed(tokens[position], allowPlus: true) else { return nil }
            position += 1
            if position < tokens.count, tokens[position] == "WITH" {
                position += 1
                guard position < tokens.count, let exception = Self.listed(tokens[position], allowPlus: false) else {
                    return nil
                }
                position += 1
                license += " WITH \(exception)"
            }
            return license
        }

        private static func listed(_ token: String, allowPlus: Bool) -> String? {
            var id = Substring(token)
            var plus = ""
            if allowPlus, id.hasSuffix("+") {
                id = id.dropLast()
                plus = "+"
            }
            guard let canonical = SPDXLicenseList.canonicalByLowercasedID[id.lowercased()] else { return nil }
            return canonical + plus
        }
    }
}
