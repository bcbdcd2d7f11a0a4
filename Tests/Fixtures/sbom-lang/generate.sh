#!/bin/sh
# Regenerates the binary fixtures of Tests/Fixtures/sbom-lang (needs gcc, objcopy, python3).
# Output is deterministic: fixed ZIP timestamps, fixed JSON, no build ids.
set -eu
cd "$(dirname "$0")"

# Rust: a tiny static ELF (no libc) carrying cargo-auditable data: zlib-compressed JSON in a `.dep-v0` section,
# exactly where `cargo auditable build` puts it.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'void _start(void) { for (;;) {} }\n' > "$tmp/start.c"
gcc -Os -static -nostdlib -fno-asynchronous-unwind-tables -Wl,--build-id=none -o "$tmp/app" "$tmp/start.c"
python3 - "$tmp/deps.z" <<'PY'
import json, sys, zlib
packages = [
    {"name": "auditable-app", "version": "0.1.0", "source": "local", "dependencies": [1, 2], "root": True},
    {"name": "serde", "version": "1.0.188", "source": "crates.io", "dependencies": [3]},
    {"name": "libc", "version": "0.2.149", "source": "crates.io"},
    {"name": "serde_derive", "version": "1.0.188", "source": "crates.io"},
    {"name": "cc", "version": "1.0.83", "source": "crates.io", "kind": "build"},
]
data = json.dumps({"packages": packages}, separators=(",", ":")).encode()
open(sys.argv[1], "wb").write(zlib.compress(data, 9))
PY
objcopy --add-section .dep-v0="$tmp/deps.z" --set-section-flags .dep-v0=noload,readonly "$tmp/app" rust/auditable-app
strip --keep-section=.dep-v0 rust/auditable-app 2>/dev/null || true

# Java: archives as Maven and Gradle build them, with DEFLATE entries.
python3 - <<'PY'
import io, zipfile

def archive(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if name.endswith(".jar") else zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buffer.getvalue()

def manifest(**attributes):
    lines = ["Manifest-Version: 1.0"] + [f"{k.replace('_', '-')}: {v}" for k, v in attributes.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()

def pom(group, artifact, version):
    return (f"#Created by Apache Maven 3.9.4\nartifactId={artifact}\ngroupId={group}\nversion={version}\n").encode()

commons_io = archive([
    ("META-INF/MANIFEST.MF", manifest(Implementation_Title="Apache Commons IO", Implementation_Version="2.11.0",
        Bundle_SymbolicName="org.apache.commons.commons-io", Bundle_Version="2.11.0",
        Implementation_Vendor_Id="org.apache")),
    ("META-INF/maven/commons-io/commons-io/pom.properties", pom("commons-io", "commons-io", "2.11.0")),
    ("META-INF/maven/commons-io/commons-io/pom.xml", b"<project/>\n"),
    ("org/apache/commons/io/IOUtils.class", b"\xca\xfe\xba\xbe" + bytes(64)),
])
open("java/commons-io-2.11.0.jar", "wb").write(commons_io)

# No pom.properties: name from the file name, version from the manifest, group from Bundle-SymbolicName.
guava_like = archive([
    ("META-INF/MANIFEST.MF", manifest(Bundle_SymbolicName="com.google.guava", Bundle_Version="32.1.2.jre",
        Implementation_Version="32.1.2-jre", Bundle_License="http://www.apache.org/licenses/LICENSE-2.0.txt")),
    ("com/google/common/base/Strings.class", b"\xca\xfe\xba\xbe" + bytes(64)),
])

# A shaded JAR with two pom.properties.
shaded = archive([
    ("META-INF/MANIFEST.MF", manifest(Implementation_Version="1.4.0")),
    ("META-INF/maven/com.example/shaded-app/pom.properties", pom("com.example", "shaded-app", "1.4.0")),
    ("META-INF/maven/org.slf4j/slf4j-api/pom.properties", pom("org.slf4j", "slf4j-api", "2.0.9")),
])

# A WAR with WEB-INF/lib JARs, one of which nests another JAR.
inner = archive([
    ("META-INF/maven/org.yaml/snakeyaml/pom.properties", pom("org.yaml", "snakeyaml", "2.2")),
])
outer_lib = archive([
    ("META-INF/maven/com.example/plugin-host/pom.properties", pom("com.example", "plugin-host", "3.0.1")),
    ("lib/snakeyaml-2.2.jar", inner),
])
war = archive([
    ("META-INF/MANIFEST.MF", manifest(Implementation_Title="shop", Implementation_Version="1.0.0")),
    ("META-INF/maven/com.example/shop/pom.properties", pom("com.example", "shop", "1.0.0")),
    ("WEB-INF/web.xml", b"<web-app/>\n"),
    ("WEB-INF/lib/guava-32.1.2-jre.jar", guava_like),
    ("WEB-INF/lib/shaded-app-1.4.0.jar", shaded),
    ("WEB-INF/lib/plugin-host-3.0.1.jar", outer_lib),
])
open("java/shop-1.0.0.war", "wb").write(war)
PY
