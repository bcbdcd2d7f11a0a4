/// OSV `modified` stamps compared as instants: RFC 3339 text does not sort as bytes when one stamp has fractional
/// seconds and the other not (`…:00.5Z` < `…:00Z` bytewise). The key is the digits of date and time, then the
/// fraction padded to nine digits.
enum ModifiedTime {
    static func key(_ stamp: String) -> String {
        var digits = ""
        var fraction = ""
        var inFraction = false
        for b in stamp.utf8 {
            if b >= 0x30 && b <= 0x39 {
                if inFraction {
                    fraction.unicodeScalars.append(Unicode.Scalar(b))
                } else {
                    digits.unicodeScalars.append(Unicode.Scalar(b))
                }
            } else if b == 0x2E {
                inFraction = true
            } else if inFraction {
                break
            }
        }
        while fraction.utf8.count < 9 { fraction += "0" }
        return digits + fraction
    }

    static func isNewer(_ candidate: String, than stored: String) -> Bool { key(candidate) > key(stored) }
}
