import Foundation

/// Positive and negative samples for every secret rule. Fake values come from ``Fake`` so that no
/// token-shaped literal exists in the repository.
enum SecretSamples {
    static let all: [SecretSample] =
        cloud + versionControl + registries + saas + privateKeys + structural + credentialFiles + generic
        + keyStore

    static let cloud: [SecretSample] = {
        let akia = "AKIA" + Fake.of("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, "akia")
        let awsSecret = Fake.of(Fake.alnumSet + "/+", 40, "aws-secret")
        let session = Fake.alnum(180, "aws-session")
        let mws = "amzn.mws." + Fake.uuid("mws")
        let saBody = Fake.base64Lines(600, "gcp-sa").replacingOccurrences(of: "\n", with: "\\n")
        let saJSON = """
            {
              "type": "service_account",
              "project_id": "demo-project",
              "private_key_id": "\(Fake.hex(40, "gcp-kid"))",
              "private_key": "-----BEGIN PRIVATE KEY-----\\n\(saBody)\\n-----END PRIVATE KEY-----\\n",
              "client_email": "deployer@demo-project.iam.gserviceaccount.com"
            }
            """
        let aiza = "AIza" + Fake.alnum(35, "aiza")
        let gocspx = "GOCSPX-" + Fake.alnum(28, "gocspx")
        let accountKey = Fake.of(Fake.alnumSet + "+/", 86, "azure-key") + "=="
        let azureAD = Fake.alnum(3, "aad1") + "8Q~" + Fake.alnum(34, "aad2")
        let sasSig = Fake.alnum(43, "sas") + "%3D"
        let ltai = "LTAI" + Fake.alnum(20, "ltai")
        let dop = "dop_v1_" + Fake.hex(64, "do")
        let herokuKey = Fake.uuid("heroku")
        let cloudflare = Fake.alnum(40, "cloudflare")
        let vault = "hvs." + Fake.alnum(95, "vault")
        let atlas = Fake.alnum(14, "atlas1") + ".atlasv1." + Fake.alnum(67, "atlas2")
        let pulumi = "pul-" + Fake.hex(40, "pulumi")
        let dapi = "dapi" + Fake.hex(32, "dapi")
        return [
            .hit("SECRET-AWS-ACCESS-KEY", "aws_access_key_id = " + akia, secret: akia),
            .miss("SECRET-AWS-ACCESS-KEY", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE", "the AWS documentation key"),
            .miss("SECRET-AWS-ACCESS-KEY", "id = AKIA" + Fake.of(Fake.lower, 16, "akia-l"), "lower-case tail"),
            .hit(
                "SECRET-AWS-SECRET-KEY", "[default]\naws_secret_access_key = " + awsSecret + "\n", secret: awsSecret,
                path: "/root/.aws/credentials"),
            .hit("SECRET-AWS-SECRET-KEY", "AWS_SECRET_ACCESS_KEY=" + awsSecret, secret: awsSecret, "env"),
            .miss(
                "SECRET-AWS-SECRET-KEY", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "the AWS documentation key"),
            .miss("SECRET-AWS-SECRET-KEY", "AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY}", "a variable"),
            .hit("SECRET-AWS-SESSION-TOKEN", "aws_session_token = " + session, secret: session),
            .miss("SECRET-AWS-SESSION-TOKEN", "aws_session_token = " + Fake.alnum(40, "short-sess"), "too short"),
            .hit("SECRET-AWS-MWS-KEY", "mws: " + mws, secret: mws),
            .miss("SECRET-AWS-MWS-KEY", "amzn.mws.1234-abcd", "not a UUID"),
            .hit(
                "SECRET-GCP-SERVICE-ACCOUNT-KEY", saJSON, secret: String(saBody.prefix(60)),
                path: "/app/credentials.json"),
            .miss(
                "SECRET-GCP-SERVICE-ACCOUNT-KEY", #"{"type": "service_account", "private_key": ""}"#,
                path: "/app/credentials.json", "an empty key"),
            .hit("SECRET-GCP-API-KEY", "const key = '" + aiza + "';", secret: aiza),
            .miss("SECRET-GCP-API-KEY", "AIza" + Fake.alnum(20, "aiza-short"), "too short"),
            .hit("SECRET-GCP-OAUTH-CLIENT-SECRET", "client_secret: " + gocspx, secret: gocspx),
            .miss("SECRET-GCP-OAUTH-CLIENT-SECRET", "GOCSPX-" + Fake.alnum(10, "gocspx-short"), "too short"),
            .hit(
                "SECRET-AZURE-STORAGE-KEY",
                "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + accountKey
                    + ";EndpointSuffix=core.windows.net", secret: accountKey),
            .miss("SECRET-AZURE-STORAGE-KEY", "AccountKey=" + Fake.alnum(20, "az-short"), "too short"),
            .hit("SECRET-AZURE-AD-CLIENT-SECRET", "AZURE_CLIENT_SECRET=\"" + azureAD + "\"", secret: azureAD),
            .miss("SECRET-AZURE-AD-CLIENT-SECRET", "value: abc8Q~short", "too short"),
            .hit(
                "SECRET-AZURE-SAS-TOKEN",
                "https://acct.blob.core.windows.net/c/f.tar?sv=2021-08-06&ss=b&srt=o&sp=r&se=2030-01-01&sig="
                    + sasSig, secret: sasSig),
            .miss("SECRET-AZURE-SAS-TOKEN", "https://acct.blob.core.windows.net/c?sv=2021-08-06&sig=abc", "short"),
            .hit("SECRET-ALIBABA-ACCESS-KEY", "accessKeyId: " + ltai, secret: ltai),
            .miss("SECRET-ALIBABA-ACCESS-KEY", "LTAI" + Fake.alnum(8, "ltai-short"), "too short"),
            .hit("SECRET-DIGITALOCEAN-TOKEN", "DO_TOKEN=" + dop, secret: dop),
            .miss("SECRET-DIGITALOCEAN-TOKEN", "dop_v1_" + Fake.hex(10, "do-short"), "too short"),
            .hit("SECRET-HEROKU-API-KEY", "HEROKU_API_KEY=" + herokuKey, secret: herokuKey),
            .miss("SECRET-HEROKU-API-KEY", "HEROKU_APP_NAME=billing-prod", "an app name"),
            .hit("SECRET-CLOUDFLARE-API-TOKEN", "CLOUDFLARE_API_TOKEN=" + cloudflare, secret: cloudflare),
            .miss("SECRET-CLOUDFLARE-API-TOKEN", "CLOUDFLARE_ZONE=corp.internal", "a zone name"),
            .hit("SECRET-VAULT-TOKEN", "VAULT_TOKEN=" + vault, secret: vault),
            .miss("SECRET-VAULT-TOKEN", "hvs." + Fake.alnum(20, "vault-short"), "too short"),
            .hit("SECRET-TERRAFORM-CLOUD-TOKEN", "token = \"" + atlas + "\"", secret: atlas),
            .miss("SECRET-TERRAFORM-CLOUD-TOKEN", Fake.alnum(14, "atlas-s") + ".atlasv1.short", "too short"),
            .hit("SECRET-PULUMI-TOKEN", "PULUMI_ACCESS_TOKEN=" + pulumi, secret: pulumi),
            .miss("SECRET-PULUMI-TOKEN", "pul-" + Fake.hex(20, "pulumi-short"), "too short"),
            .hit("SECRET-DATABRICKS-TOKEN", "DATABRICKS_TOKEN=" + dapi, secret: dapi),
            .miss("SECRET-DATABRICKS-TOKEN", "dapi" + Fake.hex(16, "dapi-short"), "too short"),
        ]
    }()

    static let versionControl: [SecretSample] = {
        let ghp = "ghp_" + Fake.alnum(36, "ghp")
        let fine = "github_pat_" + Fake.alnum(22, "ghfg1") + "_" + Fake.alnum(59, "ghfg2")
        let gho = "gho_" + Fake.alnum(36, "gho")
        let ghs = "ghs_" + Fake.alnum(36, "ghs")
        let ghr = "ghr_" + Fake.alnum(36, "ghr")
        let glpat = "glpat-" + Fake.alnum(20, "glpat")
        let glptt = "glptt-" + Fake.hex(40, "glptt")
        let glrt = "glrt-" + Fake.alnum(20, "glrt")
        let gldt = "gldt-" + Fake.alnum(20, "gldt")
        let glcbt = "glcbt-" + Fake.alnum(24, "glcbt")
        let atbb = "ATBB" + Fake.alnum(32, "atbb")
        let bbSecret = Fake.alnum(64, "bitbucket")
        let atatt = "ATATT3" + Fake.alnum(186, "atatt")
        let circle = "CCIPAT_" + Fake.alnum(22, "circle1") + "_" + Fake.hex(40, "circle2")
        let sonar = "squ_" + Fake.hex(40, "sonar")
        return [
            .hit("SECRET-GITHUB-PAT", "GITHUB_TOKEN=" + ghp, secret: ghp),
            .miss("SECRET-GITHUB-PAT", "ghp_" + Fake.alnum(10, "ghp-short"), "too short"),
            .miss("SECRET-GITHUB-PAT", "ghp_" + String(repeating: "x", count: 36), "a filler"),
            .hit("SECRET-GITHUB-FINE-GRAINED-PAT", "token: " + fine, secret: fine),
            .miss("SECRET-GITHUB-FINE-GRAINED-PAT", "github_pat_" + Fake.alnum(20, "fg-short"), "too short"),
            .hit("SECRET-GITHUB-OAUTH-TOKEN", "oauth=" + gho, secret: gho),
            .miss("SECRET-GITHUB-OAUTH-TOKEN", "gho_" + Fake.alnum(12, "gho-short"), "too short"),
            .hit("SECRET-GITHUB-APP-TOKEN", "install " + ghs, secret: ghs),
            .miss("SECRET-GITHUB-APP-TOKEN", "ghs_" + Fake.alnum(12, "ghs-short"), "too short"),
            .hit("SECRET-GITHUB-REFRESH-TOKEN", "refresh " + ghr, secret: ghr),
            .miss("SECRET-GITHUB-REFRESH-TOKEN", "ghr_" + Fake.alnum(12, "ghr-short"), "too short"),
            .hit("SECRET-GITLAB-PAT", "GITLAB_TOKEN=" + glpat, secret: glpat),
            .miss("SECRET-GITLAB-PAT", "glpat-" + Fake.alnum(8, "glpat-short"), "too short"),
            .hit("SECRET-GITLAB-PIPELINE-TRIGGER-TOKEN", "curl -F token=" + glptt, secret: glptt),
            .miss("SECRET-GITLAB-PIPELINE-TRIGGER-TOKEN", "glptt-" + Fake.hex(20, "glptt-s"), "too short"),
            .hit("SECRET-GITLAB-RUNNER-TOKEN", "--token " + glrt, secret: glrt),
            .miss("SECRET-GITLAB-RUNNER-TOKEN", "glrt-" + Fake.alnum(5, "glrt-s"), "too short"),
            .hit("SECRET-GITLAB-DEPLOY-TOKEN", "deploy: " + gldt, secret: gldt),
            .miss("SECRET-GITLAB-DEPLOY-TOKEN", "gldt-" + Fake.alnum(5, "gldt-s"), "too short"),
            .hit("SECRET-GITLAB-OTHER-TOKEN", "job " + glcbt, secret: glcbt),
            .miss("SECRET-GITLAB-OTHER-TOKEN", "glcbt-abc", "too short"),
            .hit("SECRET-BITBUCKET-APP-PASSWORD", "app password " + atbb, secret: atbb),
            .miss("SECRET-BITBUCKET-APP-PASSWORD", "ATBB" + Fake.alnum(8, "atbb-s"), "too short"),
            .hit("SECRET-BITBUCKET-CLIENT-SECRET", "BITBUCKET_CLIENT_SECRET=" + bbSecret, secret: bbSecret),
            .miss("SECRET-BITBUCKET-CLIENT-SECRET", "BITBUCKET_WORKSPACE=platform-team", "a workspace name"),
            .hit("SECRET-ATLASSIAN-API-TOKEN", "JIRA_API_TOKEN=" + atatt, secret: atatt),
            .miss("SECRET-ATLASSIAN-API-TOKEN", "ATATT3" + Fake.alnum(30, "atatt-s"), "too short"),
            .hit("SECRET-CIRCLECI-TOKEN", "CIRCLE_TOKEN=" + circle, secret: circle),
            .miss("SECRET-CIRCLECI-TOKEN", "CCIPAT_" + Fake.alnum(10, "circle-s"), "too short"),
            .hit("SECRET-SONARQUBE-TOKEN", "sonar.token=" + sonar, secret: sonar),
            .miss("SECRET-SONARQUBE-TOKEN", "squ_" + Fake.hex(12, "sonar-s"), "too short"),
        ]
    }()

    static let registries: [SecretSample] = {
        let npm = "npm_" + Fake.alnum(36, "npm")
        let npmrc = Fake.alnum(40, "npmrc")
        let pypi = "pypi-AgEIcHlwaS5vcmc" + Fake.alnum(70, "pypi")
        let pypirc = Fake.alnum(24, "pypirc")
        let dckr = "dckr_pat_" + Fake.alnum(27, "dckr")
        let dockerPass = Fake.alnum(18, "docker-pass")
        let dockerAuth = Fake.base64("ci-bot:" + dockerPass)
        let nuget = "oy2" + Fake.of(Fake.lower + Fake.digits, 43, "nuget")
        let gems = "rubygems_" + Fake.hex(48, "gems")
        let akcp = "AKCp" + Fake.alnum(69, "akcp")
        let maven = Fake.alnum(16, "maven")
        return [
            .hit("SECRET-NPM-TOKEN", "//registry.npmjs.org/:_authToken=" + npm, secret: npm),
            .miss("SECRET-NPM-TOKEN", "npm_install_dependencies", "an identifier"),
            .hit(
                "SECRET-NPMRC-AUTH", "registry=https://npm.corp/\n//npm.corp/:_authToken=" + npmrc + "\n",
                secret: npmrc, path: "/root/.npmrc"),
            .miss(
                "SECRET-NPMRC-AUTH", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n", path: "/root/.npmrc",
                "a variable"),
            .hit("SECRET-PYPI-TOKEN", "TWINE_PASSWORD=" + pypi, secret: pypi),
            .miss("SECRET-PYPI-TOKEN", "pypi-AgEIcHlwaS5vcmc" + Fake.alnum(10, "pypi-s"), "too short"),
            .hit(
                "SECRET-PYPIRC-PASSWORD", "[pypi]\nusername = __token__\npassword = " + pypirc + "\n",
                secret: pypirc, path: "/root/.pypirc"),
            .miss(
                "SECRET-PYPIRC-PASSWORD", "[pypi]\nusername = __token__\npassword = <your-token>\n",
                path: "/root/.pypirc", "a placeholder"),
            .miss(
                "SECRET-PYPIRC-PASSWORD", "password = " + pypirc + "\n", path: "/root/notes.txt",
                "another file name"),
            .hit("SECRET-DOCKERHUB-TOKEN", "echo " + dckr + " | docker login", secret: dckr),
            .miss("SECRET-DOCKERHUB-TOKEN", "dckr_pat_" + Fake.alnum(8, "dckr-s"), "too short"),
            .hit(
                "SECRET-DOCKER-CONFIG-AUTH",
                #"{"auths": {"https://index.docker.io/v1/": {"auth": ""# + dockerAuth + #""}}}"#, secret: dockerAuth,
                path: "/root/.docker/config.json"),
            .miss(
                "SECRET-DOCKER-CONFIG-AUTH",
                #"{"auths": {"r": {"auth": ""# + Fake.base64("no-colon-" + dockerPass) + #""}}}"#,
                path: "/root/.docker/config.json", "base64 without user:password"),
            .hit("SECRET-NUGET-API-KEY", "nuget push -k " + nuget, secret: nuget),
            .miss("SECRET-NUGET-API-KEY", "oy2" + Fake.hex(10, "nuget-s"), "too short"),
            .hit("SECRET-RUBYGEMS-API-KEY", ":rubygems_api_key: " + gems, secret: gems),
            .miss("SECRET-RUBYGEMS-API-KEY", "rubygems_" + Fake.hex(10, "gems-s"), "too short"),
            .hit("SECRET-ARTIFACTORY-TOKEN", "X-JFrog-Art-Api: " + akcp, secret: akcp),
            .miss("SECRET-ARTIFACTORY-TOKEN", "AKCp" + Fake.alnum(10, "akcp-s"), "too short"),
            .hit(
                "SECRET-MAVEN-SETTINGS-PASSWORD",
                "<settings><servers><server><id>corp</id><username>ci</username><password>" + maven
                    + "</password></server></servers></settings>", secret: maven, path: "/root/.m2/settings.xml"),
            .miss(
                "SECRET-MAVEN-SETTINGS-PASSWORD", "<password>${env.MAVEN_PASSWORD}</password>",
                path: "/root/.m2/settings.xml", "a property reference"),
        ]
    }()

    static let saas: [SecretSample] = {
        let digits = Fake.digits
        let xoxb =
            "xoxb-" + Fake.of(digits, 11, "xoxb1") + "-" + Fake.of(digits, 12, "xoxb2") + "-" + Fake.alnum(24, "xoxb3")
        let xoxp =
            "xoxp-" + Fake.of(digits, 11, "xoxp1") + "-" + Fake.of(digits, 11, "xoxp2") + "-"
            + Fake.of(digits, 12, "xoxp3") + "-" + Fake.alnum(32, "xoxp4")
        let xapp =
            "xapp-1-A" + Fake.of(Fake.upper + digits, 10, "xapp1") + "-" + Fake.of(digits, 13, "xapp2") + "-"
            + Fake.hex(64, "xapp3")
        let xoxs = "xoxs-" + Fake.of(digits, 10, "xoxs1") + "-" + Fake.alnum(40, "xoxs2")
        let slackHook =
            "T" + Fake.of(Fake.upper, 8, "sh1") + "/B" + Fake.of(Fake.upper, 8, "sh2") + "/"
            + Fake.alnum(24, "sh3")
        let discordHook = Fake.alnum(68, "dh")
        let discordBot = "M" + Fake.alnum(23, "db1") + "." + Fake.alnum(6, "db2") + "." + Fake.alnum(27, "db3")
        let telegram = Fake.of(digits, 10, "tg1") + ":AA" + Fake.alnum(33, "tg2")
        let teamsSecret = Fake.hex(32, "teams")
        let teams =
            "https://contoso.webhook.office.com/webhookb2/" + Fake.uuid("t1") + "@" + Fake.uuid("t2")
            + "/IncomingWebhook/" + teamsSecret + "/" + Fake.uuid("t3")
        let stripe = "sk_live_" + Fake.alnum(24, "stripe")
        let whsec = "whsec_" + Fake.alnum(32, "whsec")
        let square = "sq0atp-" + Fake.alnum(22, "square")
        let shopify = "shpat_" + Fake.hex(32, "shopify")
        let twilioKey = "SK" + Fake.hex(32, "twilio-key")
        let twilioToken = Fake.hex(32, "twilio-token")
        let sendgrid = "SG." + Fake.alnum(22, "sg1") + "." + Fake.alnum(43, "sg2")
        let mailgun = "key-" + Fake.hex(32, "mailgun")
        let mailchimp = Fake.hex(32, "mailchimp") + "-us14"
        let brevo = "xkeysib-" + Fake.hex(64, "brevo1") + "-" + Fake.alnum(16, "brevo2")
        let openai = "sk-proj-" + Fake.alnum(100, "openai")
        let anthropic = "sk-ant-api03-" + Fake.alnum(93, "anthropic") + "AA"
        let hf = "hf_" + Fake.of(Fake.upper + Fake.lower, 34, "hf")
        let datadog = Fake.hex(32, "datadog")
        let newrelic = "NRAK-" + Fake.of(Fake.upper + digits, 27, "nr")
        let grafana = "glsa_" + Fake.alnum(32, "gr1") + "_" + Fake.hex(8, "gr2")
        let sentry = "sntryu_" + Fake.hex(64, "sentry")
        let dynatrace =
            "dt0c01." + Fake.of(Fake.upper + digits, 24, "dt1") + "." + Fake.of(Fake.upper + digits, 64, "dt2")
        let linear = "lin_api_" + Fake.alnum(40, "linear")
        let postman = "PMAK-" + Fake.hex(24, "pm1") + "-" + Fake.hex(34, "pm2")
        let doppler = "dp.pt." + Fake.alnum(43, "doppler")
        let pscale = "pscale_tkn_" + Fake.alnum(43, "pscale")
        let facebook = "EAAC" + Fake.alnum(150, "facebook")
        let twitter = String(repeating: "A", count: 22) + Fake.alnum(90, "twitter")
        let okta = "00" + Fake.alnum(40, "okta")
        return [
            .hit("SECRET-SLACK-BOT-TOKEN", "SLACK_BOT_TOKEN=" + xoxb, secret: xoxb),
            .miss("SECRET-SLACK-BOT-TOKEN", "xoxb-123-abc", "too short"),
            .hit("SECRET-SLACK-USER-TOKEN", "token " + xoxp, secret: xoxp),
            .miss("SECRET-SLACK-USER-TOKEN", "xoxp-1-2-3", "too short"),
            .hit("SECRET-SLACK-APP-TOKEN", "app: " + xapp, secret: xapp),
            .miss("SECRET-SLACK-APP-TOKEN", "xapp-1-ABC-1-abc", "too short"),
            .hit("SECRET-SLACK-LEGACY-TOKEN", "legacy " + xoxs, secret: xoxs),
            .miss("SECRET-SLACK-LEGACY-TOKEN", "xoxs-abc", "too short"),
            .hit("SECRET-SLACK-WEBHOOK", "url: https://hooks.slack.com/services/" + slackHook, secret: slackHook),
            .miss("SECRET-SLACK-WEBHOOK", "https://hooks.slack.com/services/T000/B000/XXXX", "a doc URL"),
            .hit(
                "SECRET-DISCORD-WEBHOOK",
                "https://discord.com/api/webhooks/" + Fake.of(digits, 18, "dhid") + "/" + discordHook,
                secret: discordHook),
            .miss("SECRET-DISCORD-WEBHOOK", "https://discord.com/api/webhooks/123/abc", "too short"),
            .hit("SECRET-DISCORD-BOT-TOKEN", "DISCORD_BOT_TOKEN=" + discordBot, secret: discordBot),
            .miss("SECRET-DISCORD-BOT-TOKEN", "DISCORD_CHANNEL=general", "a channel name"),
            .hit("SECRET-TELEGRAM-BOT-TOKEN", "bot = " + telegram, secret: telegram),
            .miss("SECRET-TELEGRAM-BOT-TOKEN", "12345678:AA" + Fake.alnum(10, "tg-s"), "too short"),
            .hit("SECRET-TEAMS-WEBHOOK", "TEAMS_URL=" + teams, secret: teamsSecret),
            .miss("SECRET-TEAMS-WEBHOOK", "https://contoso.webhook.office.com/webhookb2/", "no path"),
            .hit("SECRET-STRIPE-SECRET-KEY", "stripe.api_key = '" + stripe + "'", secret: stripe),
            .miss("SECRET-STRIPE-SECRET-KEY", "sk_test_" + Fake.alnum(24, "stripe-test"), "a test-mode key"),
            .hit("SECRET-STRIPE-WEBHOOK-SECRET", "STRIPE_WEBHOOK=" + whsec, secret: whsec),
            .miss("SECRET-STRIPE-WEBHOOK-SECRET", "whsec_" + Fake.alnum(10, "whsec-s"), "too short"),
            .hit("SECRET-SQUARE-TOKEN", "square: " + square, secret: square),
            .miss("SECRET-SQUARE-TOKEN", "sq0atp-abc", "too short"),
            .hit("SECRET-SHOPIFY-TOKEN", "X-Shopify-Access-Token: " + shopify, secret: shopify),
            .miss("SECRET-SHOPIFY-TOKEN", "shpat_" + Fake.hex(10, "shopify-s"), "too short"),
            .hit("SECRET-TWILIO-API-KEY", "api key sid " + twilioKey, secret: twilioKey),
            .miss("SECRET-TWILIO-API-KEY", "SK" + Fake.hex(10, "twilio-s"), "too short"),
            .hit("SECRET-TWILIO-AUTH-TOKEN", "TWILIO_AUTH_TOKEN=" + twilioToken, secret: twilioToken),
            .miss("SECRET-TWILIO-AUTH-TOKEN", "TWILIO_ACCOUNT=acme", "an account name"),
            .hit("SECRET-SENDGRID-API-KEY", "SENDGRID=" + sendgrid, secret: sendgrid),
            .miss("SECRET-SENDGRID-API-KEY", "SG." + Fake.alnum(10, "sg-s"), "too short"),
            .hit("SECRET-MAILGUN-API-KEY", "MAILGUN_API_KEY=" + mailgun, secret: mailgun),
            .miss("SECRET-MAILGUN-API-KEY", "MAILGUN_DOMAIN=mg.corp.internal", "a domain"),
            .hit("SECRET-MAILCHIMP-API-KEY", "mailchimp " + mailchimp, secret: mailchimp),
            .miss("SECRET-MAILCHIMP-API-KEY", Fake.hex(32, "mc-s") + "-eu1", "another suffix"),
            .hit("SECRET-BREVO-API-KEY", "BREVO=" + brevo, secret: brevo),
            .miss("SECRET-BREVO-API-KEY", "xkeysib-" + Fake.hex(10, "brevo-s"), "too short"),
            .hit("SECRET-OPENAI-API-KEY", "OPENAI_API_KEY=" + openai, secret: openai),
            .miss("SECRET-OPENAI-API-KEY", "sk-proj-abc", "too short"),
            .hit("SECRET-ANTHROPIC-API-KEY", "ANTHROPIC_API_KEY=" + anthropic, secret: anthropic),
            .miss("SECRET-ANTHROPIC-API-KEY", "sk-ant-api03-short", "too short"),
            .hit("SECRET-HUGGINGFACE-TOKEN", "HF_TOKEN=" + hf, secret: hf),
            .miss("SECRET-HUGGINGFACE-TOKEN", "hf_" + Fake.of(Fake.lower, 10, "hf-s"), "too short"),
            .hit("SECRET-DATADOG-API-KEY", "DD_API_KEY=" + datadog, secret: datadog),
            .miss("SECRET-DATADOG-API-KEY", "DD_SITE=datadoghq.eu", "a site name"),
            .hit("SECRET-NEWRELIC-KEY", "NEW_RELIC_API_KEY=" + newrelic, secret: newrelic),
            .miss("SECRET-NEWRELIC-KEY", "NRAK-ABC", "too short"),
            .hit("SECRET-GRAFANA-TOKEN", "GRAFANA_TOKEN=" + grafana, secret: grafana),
            .miss("SECRET-GRAFANA-TOKEN", "glsa_abc", "too short"),
            .hit("SECRET-SENTRY-TOKEN", "SENTRY_AUTH_TOKEN=" + sentry, secret: sentry),
            .miss("SECRET-SENTRY-TOKEN", "sntryu_" + Fake.hex(10, "sentry-s"), "too short"),
            .hit("SECRET-DYNATRACE-TOKEN", "DT_API_TOKEN=" + dynatrace, secret: dynatrace),
            .miss("SECRET-DYNATRACE-TOKEN", "dt0c01.ABC.DEF", "too short"),
            .hit("SECRET-LINEAR-API-KEY", "LINEAR=" + linear, secret: linear),
            .miss("SECRET-LINEAR-API-KEY", "lin_api_" + Fake.alnum(10, "linear-s"), "too short"),
            .hit("SECRET-POSTMAN-API-KEY", "POSTMAN=" + postman, secret: postman),
            .miss("SECRET-POSTMAN-API-KEY", "PMAK-" + Fake.hex(10, "pm-s"), "too short"),
            .hit("SECRET-DOPPLER-TOKEN", "DOPPLER_TOKEN=" + doppler, secret: doppler),
            .miss("SECRET-DOPPLER-TOKEN", "dp.pt.abc", "too short"),
            .hit("SECRET-PLANETSCALE-TOKEN", "PSCALE=" + pscale, secret: pscale),
            .miss("SECRET-PLANETSCALE-TOKEN", "pscale_tkn_abc", "too short"),
            .hit("SECRET-FACEBOOK-ACCESS-TOKEN", "fb " + facebook, secret: facebook),
            .miss("SECRET-FACEBOOK-ACCESS-TOKEN", "EAAC" + Fake.alnum(20, "fb-s"), "too short"),
            .hit("SECRET-TWITTER-BEARER-TOKEN", "bearer " + twitter, secret: twitter),
            .miss("SECRET-TWITTER-BEARER-TOKEN", String(repeating: "A", count: 22) + "short", "too short"),
            .hit("SECRET-OKTA-API-TOKEN", "OKTA_API_TOKEN=" + okta, secret: okta),
            .miss("SECRET-OKTA-API-TOKEN", "OKTA_ORG=dev-123456", "an org name"),
        ]
    }()

    static let privateKeys: [SecretSample] = {
        let rsaBody = Fake.base64Lines(900, "rsa")
        let rsa = "-----BEGIN RSA PRIVATE KEY-----\n" + rsaBody + "\n-----END RSA PRIVATE KEY-----\n"
        let sshBody = "b3BlbnNzaC1rZXktdjE" + Fake.base64Lines(300, "openssh")
        let ssh = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + sshBody + "\n-----END OPENSSH PRIVATE KEY-----\n"
        let pgpBody = Fake.base64Lines(700, "pgp")
        let pgp =
            "-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\n" + pgpBody
            + "\n=AbCd\n-----END PGP PRIVATE KEY BLOCK-----\n"
        let puttyPrivate = Fake.base64Lines(48, "putty-private")
        let putty =
            "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy\nPublic-Lines: 2\n"
            + Fake.base64Lines(64, "putty-public") + "\nPrivate-Lines: 1\n" + puttyPrivate + "\nPrivate-MAC: "
            + Fake.hex(64, "putty-mac") + "\n"
        let age = "AGE-SECRET-KEY-1" + Fake.of("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58, "age")
        return [
            .hit("SECRET-PRIVATE-KEY", rsa, secret: String(rsaBody.prefix(64)), path: "/etc/ssl/private/app.key"),
            .hit(
                "SECRET-PRIVATE-KEY", "KEY=\"" + rsa.replacingOccurrences(of: "\n", with: "\\n") + "\"",
                secret: String(rsaBody.prefix(64)), "escaped newlines in an env value"),
            .miss(
                "SECRET-PRIVATE-KEY", "if line.startswith(\"-----BEGIN RSA PRIVATE KEY-----\"):\n    parse(line)\n",
                path: "/usr/lib/python3/dist-packages/keys.py", "code that only names the armour"),
            .hit("SECRET-OPENSSH-PRIVATE-KEY", ssh, secret: String(sshBody.prefix(64)), path: "/root/.ssh/id_ed25519"),
            .miss(
                "SECRET-OPENSSH-PRIVATE-KEY",
                "-----BEGIN OPENSSH PRIVATE KEY-----\n-----END OPENSSH PRIVATE KEY-----\n", path: "/root/.ssh/id",
                "an empty block"),
            .hit("SECRET-PGP-PRIVATE-KEY", pgp, secret: String(pgpBody.prefix(64)), path: "/root/signing.asc"),
            .miss(
                "SECRET-PGP-PRIVATE-KEY",
                "-----BEGIN PGP PUBLIC KEY BLOCK-----\n" + pgpBody + "\n-----END PGP PUBLIC KEY BLOCK-----\n",
                path: "/etc/apt/trusted.asc", "a public key"),
            .hit("SECRET-PUTTY-PRIVATE-KEY", putty, secret: puttyPrivate, path: "/root/deploy.ppk"),
            .miss(
                "SECRET-PUTTY-PRIVATE-KEY", "PuTTY-User-Key-File-3: ssh-ed25519\nComment: no key lines\n",
                path: "/root/deploy.ppk", "no private lines"),
            .hit("SECRET-AGE-SECRET-KEY", "# created: 2024\n" + age + "\n", secret: age, path: "/root/key.txt"),
            .miss("SECRET-AGE-SECRET-KEY", "AGE-SECRET-KEY-1QPZ", "too short"),
        ]
    }()

    static let structural: [SecretSample] = {
        let header = Fake.base64URL(#"{"alg":"HS256","typ":"JWT"}"#)
        let payload = Fake.base64URL(#"{"sub":""# + Fake.alnum(12, "jwt-sub") + #"","iat":1700000000}"#)
        let jwt = header + "." + payload + "." + Fake.alnum(43, "jwt-sig")
        let notJWT = "eyJ" + Fake.alnum(20, "nj1") + ".eyJ" + Fake.alnum(20, "nj2") + "." + Fake.alnum(20, "nj3")
        let dbPass = Fake.alnum(16, "db-pass")
        let urlPass = Fake.alnum(14, "url-pass")
        let bearer = Fake.alnum(40, "bearer")
        let basicPass = Fake.alnum(15, "basic")
        let cliPass = Fake.alnum(20, "cli")
        return [
            .hit("SECRET-JWT", "curl -b session=" + jwt + " https://api", secret: jwt),
            .miss("SECRET-JWT", "curl -b session=" + notJWT, "base64 that is not a JWT header"),
            .hit(
                "SECRET-DATABASE-URI", "DATABASE_URL=postgres://app:" + dbPass + "@db.corp.internal:5432/app",
                secret: dbPass),
            .hit(
                "SECRET-DATABASE-URI", "mongodb+srv://svc:" + dbPass + "@cluster0.mongo.net/x", secret: dbPass, "mongo"),
            .miss("SECRET-DATABASE-URI", "postgres://user:password@localhost/db", "a documentation password"),
            .miss("SECRET-DATABASE-URI", "postgres://app:${DB_PASSWORD}@db/app", "a variable"),
            .hit(
                "SECRET-URL-CREDENTIALS", "pip install git+https://deploy:" + urlPass + "@git.corp.local/x",
                secret: urlPass),
            .miss("SECRET-URL-CREDENTIALS", "http://user:pass@proxy.local:3128", "a documentation password"),
            .hit(
                "SECRET-AUTHORIZATION-BEARER", "curl -H \"Authorization: Bearer " + bearer + "\" https://api",
                secret: bearer),
            .miss("SECRET-AUTHORIZATION-BEARER", "curl -H \"Authorization: Bearer $TOKEN\" https://api", "a variable"),
            .hit(
                "SECRET-AUTHORIZATION-BASIC", "Authorization: Basic " + Fake.base64("admin:" + basicPass),
                secret: Fake.base64("admin:" + basicPass)),
            .miss(
                "SECRET-AUTHORIZATION-BASIC", "Authorization: Basic " + Fake.base64("no colon here at all"),
                "no user:password inside"),
            .hit(
                "SECRET-CLI-PASSWORD", "/bin/sh -c docker login -u ci -p " + cliPass + " registry.corp",
                secret: cliPass),
            .hit(
                "SECRET-CLI-PASSWORD", "RUN mysqladmin --password=" + cliPass + " status", secret: cliPass,
                "--password="),
            .hit("SECRET-CLI-PASSWORD", "curl -u admin:" + cliPass + " https://nexus.corp", secret: cliPass, "curl -u"),
            .miss(
                "SECRET-CLI-PASSWORD", "echo $PW | docker login -u ci --password-stdin registry.corp",
                "--password-stdin"),
            .miss("SECRET-CLI-PASSWORD", "mkdir -p /opt/app && login -p \"$PW\"", "a variable"),
        ]
    }()

    static let credentialFiles: [SecretSample] = {
        let envPass = Fake.alnum(14, "env-pass")
        let gitToken = Fake.alnum(40, "git-cred")
        let netrc = Fake.alnum(18, "netrc")
        let pgpass = Fake.alnum(18, "pgpass")
        let clientKey = Fake.base64("-----BEGIN RSA PRIVATE KEY-----\n" + Fake.base64Lines(200, "kube-key"))
        let kubeToken = Fake.alnum(40, "kube-token")
        let htpasswd = "$apr1$" + Fake.alnum(8, "ht1") + "$" + Fake.alnum(22, "ht2")
        let shadow = "$6$" + Fake.alnum(16, "sh1") + "$" + Fake.alnum(86, "sh2")
        return [
            .hit("SECRET-ENV-FILE", "APP_ENV=prod\nDB_PASSWORD=" + envPass + "\n", secret: envPass, path: "/app/.env"),
            .hit(
                "SECRET-ENV-FILE", "export STRIPE_KEY='" + envPass + "'\n", secret: envPass,
                path: "/srv/.env.production", "export"),
            .miss("SECRET-ENV-FILE", "DB_PASSWORD_FILE=/run/secrets/db\n", path: "/app/.env", "a file reference"),
            .miss("SECRET-ENV-FILE", "SECRET_KEY=changeme\n", path: "/app/.env", "a placeholder"),
            .hit(
                "SECRET-GIT-CREDENTIALS", "https://alice:" + gitToken + "@github.com\n", secret: gitToken,
                path: "/root/.git-credentials"),
            .miss(
                "SECRET-GIT-CREDENTIALS", "https://alice:" + gitToken + "@github.com\n", path: "/root/notes.txt",
                "another file name"),
            .hit(
                "SECRET-NETRC-PASSWORD", "machine api.corp login bot password " + netrc + "\n", secret: netrc,
                path: "/root/.netrc"),
            .miss("SECRET-NETRC-PASSWORD", "machine api.corp login bot\n", path: "/root/.netrc", "no password"),
            .hit(
                "SECRET-PGPASS-PASSWORD", "db.corp:5432:app:app:" + pgpass + "\n", secret: pgpass, path: "/root/.pgpass"
            ),
            .miss(
                "SECRET-PGPASS-PASSWORD", "# hostname:port:database:username:password\n", path: "/root/.pgpass",
                "a comment"),
            .hit(
                "SECRET-KUBECONFIG-CLIENT-KEY",
                "users:\n- name: admin\n  user:\n    client-key-data: " + clientKey + "\n",
                secret: clientKey, path: "/root/.kube/config"),
            .miss(
                "SECRET-KUBECONFIG-CLIENT-KEY", "    client-key-data: " + Fake.base64("hello"),
                path: "/root/.kube/config",
                "not a key"),
            .hit(
                "SECRET-KUBECONFIG-TOKEN", "users:\n- name: admin\n  user:\n    token: " + kubeToken + "\n",
                secret: kubeToken, path: "/root/.kube/config"),
            .miss("SECRET-KUBECONFIG-TOKEN", "    token: REPLACE_ME\n", path: "/root/.kube/config", "a placeholder"),
            .hit("SECRET-HTPASSWD-HASH", "admin:" + htpasswd + "\n", secret: htpasswd, path: "/etc/nginx/.htpasswd"),
            .miss("SECRET-HTPASSWD-HASH", "admin:plaintext\n", path: "/etc/nginx/.htpasswd", "no hash"),
            .hit("SECRET-SHADOW-HASH", "root:" + shadow + ":19000:0:99999:7:::\n", secret: shadow, path: "/etc/shadow"),
            .miss(
                "SECRET-SHADOW-HASH", "root:*:19000:0:99999:7:::\nnobody:!:19000::::::\n", path: "/etc/shadow", "locked"
            ),
        ]
    }()

    static let generic: [SecretSample] = {
        let password = Fake.alnum(14, "generic-pass")
        let secretKey = Fake.alnum(50, "generic-secret")
        let apiKey = Fake.alnum(32, "generic-token")
        return [
            .hit("SECRET-GENERIC-PASSWORD", "db_password = \"" + password + "\"", secret: password),
            .hit(
                "SECRET-GENERIC-PASSWORD", "  password: " + password + "\n", secret: password, path: "/app/config.yaml",
                "yaml"),
            .miss("SECRET-GENERIC-PASSWORD", "password = request.form.get('password')", "a form lookup"),
            .miss("SECRET-GENERIC-PASSWORD", "PASSWORD=\"${PASSWORD}\"", "a shell variable"),
            .miss("SECRET-GENERIC-PASSWORD", "password: str = Field(..., min_length=8)", "a type annotation"),
            .miss("SECRET-GENERIC-PASSWORD", "password = user_password", "an identifier"),
            .miss("SECRET-GENERIC-PASSWORD", "'password' => env('DB_PASSWORD'),", "a PHP env lookup"),
            .hit("SECRET-GENERIC-SECRET", "SECRET_KEY = '" + secretKey + "'", secret: secretKey),
            .miss("SECRET-GENERIC-SECRET", "secretName: my-app-secret", "a Kubernetes Secret name"),
            .miss("SECRET-GENERIC-SECRET", "client_secret = os.environ[\"CLIENT_SECRET\"]", "an environment lookup"),
            .hit("SECRET-GENERIC-TOKEN", "api_key: " + apiKey, secret: apiKey),
            .miss("SECRET-GENERIC-TOKEN", "token := r.Header.Get(\"Authorization\")", "a header lookup"),
            .miss("SECRET-GENERIC-TOKEN", "token = \"${API_TOKEN}\"", "a template variable"),
            .miss("SECRET-GENERIC-TOKEN", "API_TOKEN_URL=https://auth.corp/token", "a URL setting"),
        ]
    }()

    /// The PKCS#12 rule is a file rule: DER header plus `.p12`/`.pfx`. Its "text" is built from bytes
    /// in the dedicated test; these rows only document coverage.
    static let keyStore: [SecretSample] = []
}
