/// Chat, payment, mail, AI and monitoring service credentials.
enum SaaSRules {
    static let all: [SecretRule] = chat + payments + messaging + ai + observability + misc

    private static let chat: [SecretRule] = [
        SecretRule(
            id: "SECRET-SLACK-BOT-TOKEN", title: "Slack bot token", severity: .high, noun: "Slack bot token",
            service: "Slack", pattern: #"\b(xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{20,40})\b"#,
            specificity: .prefixed, minEntropy: 3.0, binarySafe: true),
        SecretRule(
            id: "SECRET-SLACK-USER-TOKEN", title: "Slack user token", severity: .high, noun: "Slack user token",
            service: "Slack", pattern: #"\b(xox[pe](?:-[0-9]{10,13}){3}-[A-Za-z0-9-]{28,34})\b"#,
            specificity: .prefixed, minEntropy: 3.0, binarySafe: true),
        SecretRule(
            id: "SECRET-SLACK-APP-TOKEN", title: "Slack app-level token", severity: .high,
            noun: "Slack app-level token", service: "Slack",
            pattern: #"\b(xapp-\d-[A-Z0-9]{1,20}-\d{1,20}-[a-z0-9]{32,80})\b"#, specificity: .prefixed,
            minEntropy: 3.0, binarySafe: true),
        SecretRule(
            id: "SECRET-SLACK-LEGACY-TOKEN", title: "Slack legacy or workspace token", severity: .high,
            noun: "Slack legacy token", service: "Slack",
            pattern: #"\b(xox[aors]-(?:[0-9]{1,13}-){1,4}[A-Za-z0-9]{8,64})\b"#, specificity: .prefixed,
            minEntropy: 3.0),
        SecretRule(
            id: "SECRET-SLACK-WEBHOOK", title: "Slack incoming webhook URL", severity: .medium,
            noun: "Slack webhook URL", service: "Slack",
            pattern: #"hooks\.slack\.com/(?:services|workflows|triggers)/([A-Za-z0-9+/]{43,56})"#,
            specificity: .prefixed, minEntropy: 3.0,
            why: "A Slack webhook URL lets anyone post messages into the channel as your integration: phishing "
                + "links and fake alerts that your team trusts.",
            remediation: "Regenerate the webhook in the Slack app settings, rebuild the image without it, and read "
                + "the URL from a secret at run time."),
        SecretRule(
            id: "SECRET-DISCORD-WEBHOOK", title: "Discord webhook URL", severity: .medium,
            noun: "Discord webhook URL", service: "Discord",
            pattern: #"discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/([A-Za-z0-9_-]{60,68})"#,
            specificity: .prefixed, minEntropy: 3.0),
        SecretRule(
            id: "SECRET-DISCORD-BOT-TOKEN", title: "Discord bot token", severity: .high, noun: "Discord bot token",
            service: "Discord",
            pattern: PatternParts.assignment("discord")
                + #"([MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})\b"#,
            specificity: .keyword, minEntropy: 3.5),
        SecretRule(
            id: "SECRET-TELEGRAM-BOT-TOKEN", title: "Telegram bot token", severity: .high,
            noun: "Telegram bot token", service: "Telegram",
            pattern: PatternParts.token(#"\b[0-9]{8,10}:AA[0-9A-Za-z_-]{33}"#, characters: "0-9A-Za-z_-"),
            specificity: .prefixed, minEntropy: 3.5),
        SecretRule(
            id: "SECRET-TEAMS-WEBHOOK", title: "Microsoft Teams incoming webhook URL", severity: .medium,
            noun: "Microsoft Teams webhook URL", service: "Microsoft Teams",
            pattern: #"\.webhook\.office\.com/webhookb2/[a-f0-9-]{36}@[a-f0-9-]{36}/IncomingWebhook/([a-f0-9]{32})/"#,
            specificity: .prefixed),
    ]

    private static let payments: [SecretRule] = [
        SecretRule(
            id: "SECRET-STRIPE-SECRET-KEY", title: "Stripe live secret key", severity: .critical,
            noun: "Stripe live secret or restricted key", service: "Stripe",
            pattern: #"\b((?:sk|rk)_live_[A-Za-z0-9]{24,247})\b"#, specificity: .prefixed, minEntropy: 3.0,
            binarySafe: true,
            why: "A Stripe live secret key can create charges and refunds, read customers and payment data, and "
                + "move money out of the account.",
            remediation: "Roll the key in the Stripe Dashboard > Developers > API keys, rebuild the image without "
                + "it, and read it from a secret store at run time."),
        SecretRule(
            id: "SECRET-STRIPE-WEBHOOK-SECRET", title: "Stripe webhook signing secret", severity: .medium,
            noun: "Stripe webhook signing secret", service: "Stripe",
            pattern: PatternParts.token(#"\bwhsec_[A-Za-z0-9+/=]{32,64}"#, characters: "A-Za-z0-9+/="),
            specificity: .prefixed, minEntropy: 3.0),
        SecretRule(
            id: "SECRET-SQUARE-TOKEN", title: "Square access token or OAuth secret", severity: .high,
            noun: "Square credential", service: "Square",
            pattern: PatternParts.token(
                #"\b(?:EAAA|sq0atp-)[A-Za-z0-9_-]{22,60}|\bsq0csp-[A-Za-z0-9_-]{43}"#, characters: "A-Za-z0-9_-"),
            specificity: .prefixed, minEntropy: 3.5),
        SecretRule(
            id: "SECRET-SHOPIFY-TOKEN", title: "Shopify access token or shared secret", severity: .high,
            noun: "Shopify token", service: "Shopify", pattern: #"\b(shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})\b"#,
            specificity: .prefixed, minEntropy: 3.0),
    ]

    private static let messaging: [SecretRule] = [
        SecretRule(
            id: "SECRET-TWILIO-API-KEY", title: "Twilio API key", severity: .high, noun: "Twilio API key SID",
            service: "Twilio", pattern: #"\b(SK[0-9a-fA-F]{32})\b"#, specificity: .prefixed, minEntropy: 3.0),
        SecretRule(
            id: "SECRET-TWILIO-AUTH-TOKEN", title: "Twilio auth token", severity: .high, noun: "Twilio auth token",
            service: "Twilio", pattern: PatternParts.assignment("twilio") + #"([a-f0-9]{32})\b"#,
            specificity: .keyword, minEntropy: 3.0),
        SecretRule(
            id: "SECRET-SENDGRID-API-KEY", title: "SendGrid API key", severity: .high, noun: "SendGrid API key",
            service: "SendGrid",
            pattern: PatternParts.token(
                #"\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}"#, characters: "A-Za-z0-9_-"),
            specificity: .prefixed, minEntropy: 3.5, binarySafe: true),
        SecretRule(
            id: "SECRET-MAILGUN-API-KEY", title: "Mailgun API key", severity: .high, noun: "Mailgun API key",
            service: "Mailgun",
            pattern: PatternParts.assignment("mailgun")
                + #"(key-[a-f0-9]{32}|[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8})\b"#,
            specificity: .keyword, minEntropy: 3.0),
        SecretRule(
            id: "SECRET-MAILCHIMP-API-KEY", title: "Mailchimp API key", severity: .high, noun: "Mailchimp API key",
            service: "Mailchimp", pattern: #"\b([0-9a-f]{32}-us[0-9]{1,2})\b"#, specificity: .prefixed,
            minEntropy: 3.0),
        SecretRule(
            id: "SECRET-BREVO-API-KEY", title: "Brevo (Sendinblue) API key", severity: .high,
            noun: "Brevo API key", service: "Brevo", pattern: #"\b(xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16})\b"#,
            specificity: .prefixed, minEntropy: 3.0),
    ]

    private static let ai: [SecretRule] = [
        SecretRule(
            id: "SECRET-OPENAI-API-KEY", title: "OpenAI API key", severity: .high, noun: "OpenAI API key",
            service: "OpenAI",
            pattern: PatternParts.token(
                #"\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,250}|\bsk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}"#,
                characters: "A-Za-z0-9_-"),
            specificity: .prefixed, minEntropy: 3.5, binarySafe: true),
        SecretRule(
            id: "SECRET-ANTHROPIC-API-KEY", title: "Anthropic API key", severity: .high, noun: "Anthropic API key",
            service: "Anthropic",
            pattern: PatternParts.token(
                #"\bsk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_-]{80,100}AA"#, characters: "A-Za-z0-9_-"),
            specificity: .prefixed, minEntropy: 3.5, binarySafe: true),
        SecretRule(
            id: "SECRET-HUGGINGFACE-TOKEN", title: "Hugging Face access token", severity: .high,
            noun: "Hugging Face access token", service: "Hugging Face",
            pattern: #"\b(hf_[A-Za-z]{34})\b"#, specificity: .prefixed, minEntropy: 3.5),
    ]

    private static let observability: [SecretRule] = [
        SecretRule(
            id: "SECRET-DATADOG-API-KEY", title: "Datadog API or application key", severity: .high,
            noun: "Datadog API key", service: "Datadog",
            pattern: PatternParts.assignment(#"datadog|dd_api_key|dd_app_key|dd_application_key"#)
                + #"([a-f0-9]{32}|[a-f0-9]{40})\b"#,
            specificity: .keyword, minEntropy: 3.0),
        SecretRule(
            id: "SECRET-NEWRELIC-KEY", title: "New Relic API or license key", severity: .high,
            noun: "New Relic key", service: "New Relic",
            pattern: PatternParts.token(
                #"\bNRAK-[A-Z0-9]{27}|\bNRJS-[a-f0-9]{19}|\bNRII-[A-Za-z0-9_-]{32}|\b[a-f0-9]{36}NRAL"#,
                characters: "A-Za-z0-9_-"),
            specificity: .prefixed, minEntropy: 3.0),
        SecretRule(
            id: "SECRET-GRAFANA-TOKEN", title: "Grafana service account or cloud token", severity: .high,
            noun: "Grafana token", service: "Grafana",
            pattern: PatternParts.token(
                #"\bglsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|\bglc_[A-Za-z0-9+/]{32,400}={0,2}"#,
                characters: "A-Za-z0-9+/="),
            specificity: .prefixed, minEntropy: 3.5),
        SecretRule(
            id: "SECRET-SENTRY-TOKEN", title: "Sentry auth token", severity: .high, noun: "Sentry auth token",
            service: "Sentry",
            pattern: PatternParts.token(
                #"\bsntrys_eyJ[A-Za-z0-9+/=_-]{60,300}|\bsntryu_[a-f0-9]{64}"#, characters: "A-Za-z0-9+/=_-"),
            specificity: .prefixed, minEntropy: 3.5),
        SecretRule(
            id: "SECRET-DYNATRACE-TOKEN", title: "Dynatrace API token", severity: .high, noun: "Dynatrace token",
            service: "Dynatrace", pattern: #"\b(dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64})\b"#, specificity: .prefixed,
            minEntropy: 3.5),
    ]

    private static let misc: [SecretRule] = [
        SecretRule(
            id: "SECRET-LINEAR-API-KEY", title: "Linear API key", severity: .medium, noun: "Linear API key",
            service: "Linear", pattern: #"\b(lin_api_[A-Za-z0-9]{40})\b"#, specificity: .prefixed, minEntropy: 3.5),
        SecretRule(
            id: "SECRET-POSTMAN-API-KEY", title: "Postman API key", severity: .medium, noun: "Postman API key",
            service: "Postman", pattern: #"\b(PMAK-[a-f0-9]{24}-[a-f0-9]{34})\b"#, specificity: .prefixed,
            minEntropy: 3.0),
        SecretRule(
            id: "SECRET-DOPPLER-TOKEN", title: "Doppler token", severity: .high, noun: "Doppler token",
            service: "Doppler", pattern: #"\b(dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44})\b"#,
            specificity: .prefixed, minEntropy: 3.5),
        SecretRule(
            id: "SECRET-PLANETSCALE-TOKEN", title: "PlanetScale token or password", severity: .high,
            noun: "PlanetScale credential", service: "PlanetScale",
            pattern: PatternParts.token(
                #"\bpscale_(?:tkn|pw|oauth)_[A-Za-z0-9_=.-]{32,64}"#, characters: "A-Za-z0-9_=.-"),
            specificity: .prefixed, minEntropy: 3.5),
        SecretRule(
            id: "SECRET-FACEBOOK-ACCESS-TOKEN", title: "Facebook access token", severity: .high,
            noun: "Facebook access token", service: "Meta (Facebook)",
            pattern: #"\b(EAA[CM][A-Za-z0-9]{100,400})\b"#, specificity: .prefixed, minEntropy: 3.5),
        SecretRule(
            id: "SECRET-TWITTER-BEARER-TOKEN", title: "Twitter/X bearer token", severity: .high,
            noun: "Twitter/X API bearer token", service: "the X (Twitter) API",
            pattern: #"\b(A{22}[A-Za-z0-9%]{80,120})\b"#, specificity: .prefixed, minEntropy: 3.0),
        SecretRule(
            id: "SECRET-OKTA-API-TOKEN", title: "Okta API token", severity: .high, noun: "Okta API token",
            service: "Okta", pattern: PatternParts.assignment("okta") + #"(00[A-Za-z0-9_-]{40})\b"#,
            specificity: .keyword, minEntropy: 3.5),
    ]
}
