#!/usr/bin/env python3
"""Writes a tiny multi-platform OCI image layout for registry tests. Python 3 standard library only;
deterministic (fixed mtimes, gzip without timestamps), so the digests are the same on every run.

Usage: make-multiarch-oci.py OUT_DIR

OUT_DIR becomes an OCI layout (oci-layout, index.json, blobs/sha256/...) with three tags:
  multi  an OCI image index with two images, linux/amd64 and linux/arm64
  amd64  the linux/amd64 image alone
  arm64  the linux/arm64 image alone
Each image has one gzip layer holding etc/palisade-platform (its platform) and a file only it has
(usr/share/palisade/only-amd64 or only-arm64), and a config naming its architecture.
Prints a JSON summary on stdout: {"index": DIGEST, "images": {"amd64": {"manifest", "config", "layer",
"diffID", "file"}, "arm64": {...}}}.
"""

import gzip
import hashlib
import io
import json
import os
import sys
import tarfile

INDEX = "application/vnd.oci.image.index.v1+json"
MANIFEST = "application/vnd.oci.image.manifest.v1+json"
CONFIG = "application/vnd.oci.image.config.v1+json"
LAYER = "application/vnd.oci.image.layer.v1.tar+gzip"


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: make-multiarch-oci.py OUT_DIR")
    out = sys.argv[1]
    blobs = os.path.join(out, "blobs", "sha256")
    os.makedirs(blobs, exist_ok=True)

    def put(data: bytes, media_type: str, extra=None) -> dict:
        digest = hashlib.sha256(data).hexdigest()
        with open(os.path.join(blobs, digest), "wb") as f:
            f.write(data)
        descriptor = {"mediaType": media_type, "digest": "sha256:" + digest, "size": len(data)}
        descriptor.update(extra or {})
        return descriptor

    def canonical(value) -> bytes:
        return json.dumps(value, separators=(",", ":"), sort_keys=True).encode()

    def tar_layer(files: dict) -> bytes:
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
            directories = set()
            for path in files:
                parts = path.split("/")[:-1]
                directories.update("/".join(parts[:i]) for i in range(1, len(parts) + 1))
            for directory in sorted(directories):
                info = tarfile.TarInfo(directory)
                info.type = tarfile.DIRTYPE
                info.mode = 0o755
                info.mtime = 0
                tar.addfile(info)
            for path, content in sorted(files.items()):
                info = tarfile.TarInfo(path)
                info.size = len(content)
                info.mode = 0o644
                info.mtime = 0
                tar.addfile(info, io.BytesIO(content))
        return buffer.getvalue()

    summary = {"images": {}}
    manifests = []
    refs = []
    for arch in ("amd64", "arm64"):
        only = f"usr/share/palisade/only-{arch}"
        raw = tar_layer({"etc/palisade-platform": f"linux/{arch}\n".encode(), only: f"{arch}\n".encode()})
        compressed = gzip.compress(raw, mtime=0)
        layer = put(compressed, LAYER)
        diff_id = "sha256:" + hashlib.sha256(raw).hexdigest()
        config = put(
            canonical(
                {
                    "architecture": arch,
                    "os": "linux",
                    "config": {"Env": ["PATH=/usr/bin:/bin"], "Cmd": ["/bin/true"]},
                    "rootfs": {"type": "layers", "diff_ids": [diff_id]},
                    "history": [{"created_by": f"make-multiarch-oci.py {arch}"}],
                }
            ),
            CONFIG,
        )
        manifest_body = {"schemaVersion": 2, "mediaType": MANIFEST, "config": config, "layers": [layer]}
        platform = {"architecture": arch, "os": "linux"}
        manifest = put(canonical(manifest_body), MANIFEST, {"platform": platform})
        manifests.append(manifest)
        refs.append(dict(manifest, annotations={"org.opencontainers.image.ref.name": arch}))
        summary["images"][arch] = {
            "manifest": manifest["digest"],
            "config": config["digest"],
            "layer": layer["digest"],
            "diffID": diff_id,
            "file": only,
        }
    index = put(canonical({"schemaVersion": 2, "mediaType": INDEX, "manifests": manifests}), INDEX)
    summary["index"] = index["digest"]
    refs.insert(0, dict(index, annotations={"org.opencontainers.image.ref.name": "multi"}))
    with open(os.path.join(out, "oci-layout"), "w") as f:
        f.write('{"imageLayoutVersion":"1.0.0"}')
    with open(os.path.join(out, "index.json"), "w") as f:
        json.dump({"schemaVersion": 2, "mediaType": INDEX, "manifests": refs}, f)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
