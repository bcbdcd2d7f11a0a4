/// Secret detection rules and the multi-pattern scanner; see SecretScanner.
enum PalisadeSecretsPlaceholder {}
