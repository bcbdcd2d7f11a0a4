import PalisadeCore
import Testing

@testable import PalisadeSecrets

@Suite("Secret rules: table of positive and negative samples")
struct RuleSampleTests {
    @Test("every rule reports its positive samples and ignores its negative ones", arguments: SecretSamples.all)
    func sample(_ sample: SecretSample) {
        let matches = scan(sample)
        let mine = matches.filter { $0.ruleId == sample.ruleId }
        if sample.shouldMatch {
            #expect(mine.count == 1, "expected exactly one \(sample.ruleId), got \(matches.map(\.ruleId))")
        } else {
            #expect(mine.isEmpty, "unexpected \(sample.ruleId)")
        }
    }

    @Test("positive samples report the secret's line and column")
    func positionsOfPositiveSamples() throws {
        for sample in SecretSamples.all where sample.shouldMatch {
            let secret = try #require(sample.secret)
            let rule = try #require(SecretRules.patternRules.first { $0.metadata.id == sample.ruleId })
            guard rule.evidence == .maskedValue, let range = sample.text.range(of: secret) else { continue }
            let before = sample.text[..<range.lowerBound]
            let line = before.filter { $0 == "\n" }.count + 1
            let lineStart = before.lastIndex(of: "\n").map { sample.text.index(after: $0) } ?? sample.text.startIndex
            let column = sample.text[lineStart..<range.lowerBound].unicodeScalars.count + 1
            let match = try #require(scan(sample).first { $0.ruleId == sample.ruleId }, "\(sample.testDescription)")
            #expect(match.line == line && match.column == column, "\(sample.testDescription)")
        }
    }

    @Test("every rule has at least one positive and one negative sample")
    func coverage() {
        let patternRuleIds = Set(SecretRules.patternRules.map(\.metadata.id))
        let positives = Set(SecretSamples.all.filter(\.shouldMatch).map(\.ruleId))
        let negatives = Set(SecretSamples.all.filter { !$0.shouldMatch }.map(\.ruleId))
        #expect(patternRuleIds.subtracting(positives).isEmpty, "no positive: \(patternRuleIds.subtracting(positives))")
        #expect(patternRuleIds.subtracting(negatives).isEmpty, "no negative: \(patternRuleIds.subtracting(negatives))")
        #expect(positives.union(negatives).subtracting(patternRuleIds).isEmpty, "samples for unknown rules")
    }

    @Test("redaction never reveals more than the first and last 4 characters of a secret")
    func redaction() throws {
        for sample in SecretSamples.all where sample.shouldMatch {
            let secret = Array(try #require(sample.secret))
            for match in scan(sample) {
                // No 6-character run of the secret may survive anywhere in the evidence or message.
                for start in 0...(max(0, secret.count - 6)) where secret.count >= 6 {
                    let run = String(secret[start..<(start + 6)])
                    #expect(!match.redacted.contains(run), "\(sample.testDescription): evidence leaks")
                    #expect(!match.message.contains(run), "\(sample.testDescription): message leaks")
                }
            }
        }
    }

    @Test("the mask keeps 4+4 characters of long values, 2+2 of medium ones and none of short ones")
    func maskPolicy() {
        func mask(_ s: String) -> String { Array(s.utf8).withUnsafeBytes { Redaction.mask($0) } }
        let long = Fake.alnum(40, "mask-long")
        #expect(mask(long) == String(long.prefix(4)) + String(repeating: "*", count: 16) + String(long.suffix(4)))
        let medium = Fake.alnum(14, "mask-medium")
        #expect(mask(medium) == String(medium.prefix(2)) + String(repeating: "*", count: 16) + String(medium.suffix(2)))
        #expect(mask("hunter22") == "********")
    }
}
