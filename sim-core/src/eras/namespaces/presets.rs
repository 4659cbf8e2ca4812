//! The pods the lessons explore, and the images their containers run.

use super::{ContainerSpec, Image, Listener, PodSpec, Segment, Volume};

/// `alpine:3.22`-based images: BusyBox provides a shell and the usual tools.
const ALPINE_TOP: &[&str] = &[
    "bin", "dev", "etc", "home", "lib", "media", "mnt", "opt", "proc", "root", "run", "sbin",
    "srv", "sys", "tmp", "usr", "var",
];

const ALPINE_USERS: &[(u32, &str)] = &[(0, "root"), (65534, "nobody")];

/// The shop application built `FROM alpine:3.22`.
pub(super) static SHOP_ALPINE: Image = Image {
    reference: "example/shop:1.4",
    has_shell: true,
    top: ALPINE_TOP,
    files: &[
        ("/app/shop", "\u{7f}ELF (a statically linked binary)"),
        ("/app/config.yaml", "listen: 8080\nlog: /var/log/shop/access.log\n"),
        ("/etc/alpine-release", "3.22.1"),
    ],
    users: ALPINE_USERS,
};

/// The log shipper built `FROM alpine:3.22`.
pub(super) static SHIPPER: Image = Image {
    reference: "example/shipper:2.0",
    has_shell: true,
    top: ALPINE_TOP,
    files: &[
        ("/usr/bin/shipper", "\u{7f}ELF (a statically linked binary)"),
        ("/etc/shipper.conf", "watch: /logs\nsend-to: logs.example.internal:5140\n"),
        ("/etc/alpine-release", "3.22.1"),
    ],
    users: ALPINE_USERS,
};

/// The shop application on `gcr.io/distroless/static-debian12:nonroot`: no shell, no tools.
pub(super) static SHOP_DISTROLESS: Image = Image {
    reference: "example/shop:1.4-distroless",
    has_shell: false,
    top: &["app", "dev", "etc", "home", "proc", "root", "sys", "tmp", "usr", "var"],
    files: &[
        ("/app/shop", "\u{7f}ELF (a statically linked binary)"),
        ("/app/config.yaml", "listen: 8080\nlog: stdout\n"),
        (
            "/etc/passwd",
            "root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n",
        ),
        ("/etc/os-release", "PRETTY_NAME=\"Distroless\"\nID=debian\nVERSION_ID=\"12\"\n"),
    ],
    users: &[(0, "root"), (65532, "nonroot")],
};

/// The debug image `kubectl debug --image=busybox:1.37` brings.
pub(super) static BUSYBOX: Image = Image {
    reference: "busybox:1.37",
    has_shell: true,
    top: &["bin", "dev", "etc", "home", "lib", "proc", "root", "sys", "tmp", "usr", "var"],
    files: &[
        ("/bin/busybox", "\u{7f}ELF (BusyBox v1.37.0 multi-call binary)"),
        (
            "/etc/passwd",
            "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n",
        ),
    ],
    users: ALPINE_USERS,
};

const SHOP_LISTENS: Option<Listener> = Some(Listener { port: 8080, path: "/healthz", body: "ok" });

/// Lesson 5's pod: the shop and a log shipper sharing an `emptyDir` volume.
pub(super) static SIDECAR: PodSpec = PodSpec {
    name: "web",
    containers: &[
        ContainerSpec {
            name: "app",
            image: &SHOP_ALPINE,
            processes: &[
                (65532, "/app/shop --config /app/config.yaml"),
                (65532, "/app/shop worker"),
            ],
            listens: SHOP_LISTENS,
            mounts: &[("/var/log/shop", "logs")],
            segments: &[Segment {
                key: 0x5eed_0001,
                owner: 65532,
                perms: 600,
                bytes: 1_048_576,
                attached: 2,
            }],
        },
        ContainerSpec {
            name: "log-shipper",
            image: &SHIPPER,
            processes: &[(1000, "/usr/bin/shipper --watch /logs")],
            listens: None,
            mounts: &[("/logs", "logs")],
            segments: &[],
        },
    ],
    volumes: &[Volume {
        name: "logs",
        files: &[(
            "access.log",
            "10.244.2.7 GET /healthz 200\n10.244.3.4 GET /cart 200\n10.244.3.4 POST /checkout 201\n",
        )],
    }],
};

/// Lesson 5's Try it pod: the shop on a distroless image, alone.
pub(super) static DISTROLESS: PodSpec = PodSpec {
    name: "web",
    containers: &[ContainerSpec {
        name: "app",
        image: &SHOP_DISTROLESS,
        processes: &[(65532, "/app/shop")],
        listens: SHOP_LISTENS,
        mounts: &[],
        segments: &[],
    }],
    volumes: &[],
};

/// The sandbox's image: one static binary.
pub(super) static PAUSE: Image = Image {
    reference: "registry.k8s.io/pause:3.10",
    has_shell: false,
    top: &["dev", "etc", "proc", "sys"],
    files: &[("/pause", "\u{7f}ELF (the pause binary)")],
    users: &[],
};
