use super::defaults::*;
use super::*;

fn eval(mode: Mode, placement: &Placement) -> Report {
    evaluate(&APPS, &Params::default(), mode, placement).expect("valid placement")
}

fn app(name: &str) -> usize {
    APPS.iter().position(|a| a.name == name).expect("known app")
}

#[test]
fn sourced_defaults_are_ordered_and_within_the_reference_ranges() {
    for r in [&LINUX_OS_MIB, &WINDOWS_OS_MIB, &SHIM_RSS_KIB, &SHIM_PSS_KIB, &WASM_INSTANCE_KIB] {
        assert!(r.is_ordered(), "{}", r.source.label);
        assert!(r.source.url.starts_with("https://"));
    }
    // containerd shim: 5–9 MB resident, ~1–6 MB proportional (PR #1767, issue #2020).
    assert!(SHIM_RSS_KIB.low >= 5.0 * 1024.0 && SHIM_RSS_KIB.high <= 9.5 * 1024.0);
    assert!(SHIM_PSS_KIB.low >= 1.0 * 1024.0 && SHIM_PSS_KIB.high <= 6.0 * 1024.0);
    // A Linux guest: tens to a few hundred MiB; Windows Server at least 512 MB.
    assert!(LINUX_OS_MIB.typical >= 50.0 && LINUX_OS_MIB.high <= 300.0);
    assert_eq!(WINDOWS_OS_MIB.low, 512.0);
    // A Wasm instance: kilobytes, three orders of magnitude below a shim.
    assert!(WASM_INSTANCE_KIB.high * 100.0 < SHIM_RSS_KIB.low);
    let p = Params::default();
    assert_eq!((p.guest_os_mib, p.shim_kib, p.wasm_instance_kib), (88, 5660, 4));
    assert_eq!(p.with_shim_metric(ShimMetric::Pss).shim_kib, 1212);
    assert_eq!(p.with_guest(GuestOs::Windows).guest_os_mib, 512);
}

#[test]
fn one_application_per_server_leaves_most_of_each_idle() {
    let r = eval(Mode::BareMetal, &Placement::one_per_server(APPS.len()));
    assert_eq!(r.servers_used(), 8);
    assert!(r.is_valid());
    // 22.5 GiB of applications on 128 GiB of servers.
    assert_eq!(r.app_ram_kib, 23_040 * 1024);
    assert_eq!(r.ram_used_by_apps_percent(), 18);
    assert_eq!(r.overhead_kib, 8 * 88 * 1024);
    // Nobody shares, so the noisy job slows nobody down.
    assert!(r.starved.is_empty());
    assert_eq!(r.blast, BlastRadius { server: 1, kernel: 1, host_process: 1 });
    assert_eq!(r.os_to_patch, 8);
}

#[test]
fn packing_arithmetic_for_containers() {
    let placement = first_fit_decreasing(&APPS, &Params::default(), Mode::Container);
    let r = eval(Mode::Container, &placement);
    assert_eq!(r.servers_used(), 2);
    // Two host OSes plus eight shims.
    assert_eq!(r.overhead_kib, 2 * 88 * 1024 + 8 * 5660);
    for s in &r.servers {
        let apps_kib: u64 = s.apps.iter().map(|a| APPS[*a].ram_mib * 1024).sum();
        assert_eq!(s.ram_used_kib, apps_kib + 88 * 1024 + s.apps.len() as u64 * 5660);
        assert!(!s.over_ram && !s.over_cpu);
    }
    assert_eq!(r.cpu_capacity_millis, 16_000);
    assert_eq!(r.cpu_requested_millis, 8000);
    assert_eq!((r.os_to_patch, r.images_to_rebuild), (2, 8));
}

#[test]
fn fewest_servers_per_mode() {
    let p = Params::default();
    let table = [(Mode::BareMetal, 3), (Mode::Vm, 2), (Mode::Container, 2), (Mode::Wasm, 2)];
    for (mode, want) in table {
        let best = fewest_servers(&APPS, &p, mode).expect("every app fits a server");
        assert_eq!(best.servers, want, "{mode:?}");
        assert!(best.proven);
        let r = eval(mode, &best.placement);
        assert!(r.is_valid(), "{mode:?}");
        assert_eq!(r.servers_used(), want);
        let ffd = eval(mode, &first_fit_decreasing(&APPS, &p, mode));
        assert!(ffd.is_valid() && ffd.servers_used() >= want, "{mode:?}");
    }
}

#[test]
fn port_conflicts_force_a_third_bare_metal_server_and_vms_pay_for_it_in_memory() {
    // Three web applications want port 443: on one OS each needs its own server.
    let mut placement = Placement::one_per_server(APPS.len());
    placement.server_of[app("blog")] = placement.server_of[app("web shop")];
    let bare = eval(Mode::BareMetal, &placement);
    assert_eq!(bare.conflicts.len(), 1);
    assert_eq!(bare.conflicts[0].need, Need::Port(443));
    assert!(!bare.is_valid());
    let vm = eval(Mode::Vm, &placement);
    assert!(vm.conflicts.is_empty() && vm.is_valid());
    // A guest OS per VM: 8 × 88 MiB on top of one host OS per server.
    assert_eq!(vm.overhead_kib, (7 + 8) * 88 * 1024);
    assert_eq!(vm.os_to_patch, 7 + 8);
    // Windows guests cost enough memory to need a third server.
    let windows = Params::default().with_guest(GuestOs::Windows);
    let fewest = fewest_servers(&APPS, &windows.with_guest(GuestOs::Windows), Mode::Vm);
    let heavy = Params { guest_os_mib: 2048, ..windows };
    assert_eq!(fewest.map(|o| o.servers), Some(2));
    assert_eq!(fewest_servers(&APPS, &heavy, Mode::Vm).map(|o| o.servers), Some(3));
}

#[test]
fn a_noisy_neighbour_starves_its_bare_metal_neighbours_until_isolated() {
    let p = Params::default();
    let packed = first_fit_decreasing(&APPS, &p, Mode::BareMetal);
    let r = eval(Mode::BareMetal, &packed);
    let reports = app("reports");
    let victims: Vec<&str> = r.starved.iter().map(|s| APPS[s.app].name).collect();
    assert_eq!(victims, ["payroll", "blog"]);
    let noisy_server = packed.server_of[reports];
    assert!(r.starved.iter().all(|s| s.server == noisy_server));
    // Per-thread sharing: payroll's 2 threads get 2/44 of 8 cores.
    assert_eq!(r.starved[0].received_millis, 8000 * 2 / 44);

    // Isolated on a server of its own, it slows nobody — at the cost of a fourth server.
    let mut isolated = packed.clone();
    isolated.server_of[reports] = APPS.len() - 1;
    let r = eval(Mode::BareMetal, &isolated);
    assert!(r.starved.is_empty() && r.is_valid());
    assert_eq!(r.servers_used(), 4);
    assert_eq!(r.noisy[0].received_millis, 8000);

    // In a VM or a container the same neighbours are safe: vCPUs cap it, cgroup weights
    // follow requests.
    for mode in [Mode::Vm, Mode::Container, Mode::Wasm] {
        let r = eval(mode, &packed);
        assert!(r.starved.is_empty(), "{mode:?}");
    }
    let vm = eval(Mode::Vm, &packed);
    assert_eq!(vm.noisy[0].received_millis, 1000, "one vCPU");
}

#[test]
fn blast_radius_by_mode() {
    let p = Params::default();
    for (mode, kernel_all, process_all) in [
        (Mode::BareMetal, true, false),
        (Mode::Vm, false, false),
        (Mode::Container, true, false),
        (Mode::Wasm, true, true),
    ] {
        let r = eval(mode, &first_fit_decreasing(&APPS, &p, mode));
        let most = r.servers.iter().map(|s| s.apps.len()).max().unwrap_or(0);
        assert_eq!(r.blast.server, most, "{mode:?}");
        assert_eq!(r.blast.kernel == most, kernel_all, "{mode:?}");
        if process_all {
            // Wasm instances share their server's runtime process.
            assert!(r.blast.host_process > 1);
        } else {
            assert_eq!(r.blast.host_process, 1, "{mode:?}");
        }
    }
    let wasm = eval(Mode::Wasm, &Placement { server_of: vec![0; APPS.len()] });
    assert_eq!(wasm.blast.host_process, 4, "the four apps that compile to Wasm");
    assert_eq!(wasm.images_to_rebuild, 4, "the others run as containers");
}

#[test]
fn bad_input_is_an_error_and_oversized_apps_have_no_optimum() {
    let p = Params::default();
    assert_eq!(
        evaluate(&APPS, &p, Mode::Vm, &Placement { server_of: vec![0; 3] }),
        Err(PackingError::WrongLength { apps: 8, placed: 3 })
    );
    let mut far = Placement::one_per_server(APPS.len());
    far.server_of[2] = 8;
    assert_eq!(
        evaluate(&APPS, &p, Mode::Vm, &far),
        Err(PackingError::ServerOutOfRange { app: 2, server: 8 })
    );
    let none = Params { server_cpu_millis: 0, ..p };
    assert_eq!(evaluate(&APPS, &none, Mode::Vm, &far), Err(PackingError::EmptyServer));
    // An 8 GiB server cannot hold the 8 GiB database plus an operating system.
    let small = Params { server_ram_mib: 8192, ..p };
    assert_eq!(fewest_servers(&APPS, &small, Mode::BareMetal), None);
    let ffd = first_fit_decreasing(&APPS, &small, Mode::BareMetal);
    let r = evaluate(&APPS, &small, Mode::BareMetal, &ffd).expect("evaluates");
    assert!(!r.is_valid());
    assert!(r.servers.iter().any(|s| s.over_ram && s.apps == [app("database")]));
}

#[test]
fn compacting_renumbers_servers_in_order_of_first_use() {
    let p = Placement { server_of: vec![5, 5, 2, 7, 2] };
    assert_eq!(p.compacted().server_of, vec![0, 0, 1, 2, 1]);
}
