#!/bin/sh
# Regenerates rpmdb.sqlite: an rpm sqlite database holding two tiny packages built here and
# one imported gpg-pubkey (which catalogers must skip). Needs Debian's `rpm` and `gnupg`.
# Usage: sh Tests/Fixtures/sbom-os/make-rpmdb.sh   (writes next to this script)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/rpmbuild/SPECS" "$work/db" "$work/gnupg"

cat > "$work/rpmbuild/SPECS/hello.spec" <<'SPEC'
Name:           palisade-fixture-hello
Version:        1.0
Release:        1
Summary:        Palisade test fixture package
License:        MIT
BuildArch:      noarch
%description
An empty package for Palisade's rpm cataloger tests.
%files
SPEC

cat > "$work/rpmbuild/SPECS/epoch.spec" <<'SPEC'
Name:           palisade-fixture-libs
Epoch:          2
Version:        3.4.5
Release:        6.fc40
Summary:        Palisade test fixture package with an epoch
License:        GPL-2.0-or-later AND MIT
%description
An empty package with an epoch and an architecture, for Palisade's rpm cataloger tests.
%files
SPEC

for spec in hello epoch; do
    rpmbuild --quiet --define "_topdir $work/rpmbuild" --define '_build_id_links none' \
        --target x86_64 -bb "$work/rpmbuild/SPECS/$spec.spec" 2>/dev/null ||
        rpmbuild --quiet --define "_topdir $work/rpmbuild" -bb "$work/rpmbuild/SPECS/$spec.spec"
done

rpm --define '_db_backend sqlite' --dbpath "$work/db" --initdb
rpm --define '_db_backend sqlite' --dbpath "$work/db" -i --nodeps --noscripts --ignoreos \
    $(find "$work/rpmbuild/RPMS" -name '*.rpm')

GNUPGHOME="$work/gnupg" gpg --batch --quiet --pinentry-mode loopback --passphrase '' \
    --quick-gen-key 'Palisade Fixture <fixture@example.invalid>' rsa2048 sign never
GNUPGHOME="$work/gnupg" gpg --batch --quiet --armor --export > "$work/key.asc"
rpm --define '_db_backend sqlite' --dbpath "$work/db" --import "$work/key.asc"

# Fold any WAL back into the main file so the fixture is one self-contained database.
sqlite3 "$work/db/rpmdb.sqlite" 'PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE; VACUUM;' \
    > /dev/null 2>&1 || true
cp "$work/db/rpmdb.sqlite" "$here/rpmdb.sqlite"
rpm --define '_db_backend sqlite' --dbpath "$work/db" -qa --qf '%{NAME} %{EPOCH} %{VERSION}-%{RELEASE} %{ARCH}\n'
