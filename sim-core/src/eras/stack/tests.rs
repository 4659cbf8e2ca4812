use super::*;

#[test]
fn ids_round_trip() {
    for k in StackKind::ALL {
        assert_eq!(StackKind::from_id(k.id()), Some(k));
        assert_eq!(k.stack().kind, k);
    }
    assert_eq!(StackKind::from_id("mainframe"), None);
}

#[test]
fn every_stack_runs_from_an_application_down_to_hardware() {
    for k in StackKind::ALL {
        let layers = k.stack().layers;
        assert_eq!(layers.first().map(|l| l.role), Some(Role::Application), "{k:?}");
        assert_eq!(layers.last().map(|l| l.role), Some(Role::Hardware), "{k:?}");
        for io in Io::ALL {
            let hops = path(k, io);
            assert_eq!(hops.first().map(|h| h.layer), Some(0), "{k:?} {io:?} starts at the app");
            assert!(hops.iter().all(|h| !h.text.is_empty()));
        }
    }
}

#[test]
fn firmware_and_supervisors_are_never_on_a_run_time_path() {
    for k in StackKind::ALL {
        for l in k.stack().layers {
            if matches!(l.role, Role::Firmware | Role::Supervisor) {
                for io in Io::ALL {
                    assert!(!l.on_path(io), "{k:?}: {}", l.name);
                }
                assert!(!l.skipped_because.is_empty(), "{k:?}: {} says why it is skipped", l.name);
            } else {
                for io in Io::ALL {
                    assert!(l.on_path(io), "{k:?}: {} carries a {io:?}", l.name);
                }
            }
        }
        assert!(k.stack().layers.iter().any(|l| l.role == Role::Firmware), "{k:?} shows firmware");
    }
}

#[test]
fn a_read_comes_back_up_through_every_layer_above_the_device() {
    for k in StackKind::ALL {
        let hops = path(k, Io::FileRead);
        let down: Vec<usize> =
            hops.iter().filter(|h| h.direction == Direction::Down).map(|h| h.layer).collect();
        let up: Vec<usize> =
            hops.iter().filter(|h| h.direction == Direction::Up).map(|h| h.layer).collect();
        let mut expected_up = down.clone();
        expected_up.pop();
        expected_up.reverse();
        assert_eq!(up, expected_up, "{k:?}");
        assert_eq!(hops.last().map(|h| h.layer), Some(0), "{k:?} ends at the app");
        let packet = path(k, Io::Packet);
        assert!(
            packet.iter().all(|h| h.direction == Direction::Down),
            "{k:?}: a sent packet leaves"
        );
    }
}

#[test]
fn a_vm_adds_hops_and_a_container_does_not() {
    let bare = counts(StackKind::BareMetal, Io::Packet);
    let containers = counts(StackKind::Containers, Io::Packet);
    let pod = counts(StackKind::Pod, Io::Packet);
    let type1 = counts(StackKind::Type1, Io::Packet);
    let type2 = counts(StackKind::Type2, Io::Packet);
    assert_eq!(bare.layers_on_path, 4);
    assert_eq!(containers.layers_on_path, bare.layers_on_path);
    assert_eq!(pod.layers_on_path, bare.layers_on_path);
    // The guest kernel stands where the kernel was; the virtual device and the hypervisor are
    // two hops more.
    assert_eq!(type1.layers_on_path, bare.layers_on_path + 2);
    // ... and a type-2 hypervisor adds the host's kernel as well.
    assert_eq!(type2.layers_on_path, type1.layers_on_path + 1);
    assert!(type1.through_hypervisor && type2.through_hypervisor);
    assert!(!containers.through_hypervisor && !pod.through_hypervisor);
    assert!(counts(StackKind::Serverless, Io::FileRead).through_hypervisor);
    assert!(!counts(StackKind::Wasm, Io::FileRead).through_hypervisor);
}

#[test]
fn kernels_counted_on_the_path_and_on_the_machine() {
    let table = [
        (StackKind::BareMetal, 1, 1),
        (StackKind::MultiUser, 1, 1),
        (StackKind::Type1, 1, 3),
        (StackKind::Type2, 2, 3),
        (StackKind::Containers, 1, 1),
        (StackKind::Pod, 1, 1),
        (StackKind::Serverless, 2, 3),
        (StackKind::Wasm, 1, 1),
    ];
    for (k, on_path, running) in table {
        let c = counts(k, Io::FileRead);
        assert_eq!((c.kernels_on_path, c.kernels_running), (on_path, running), "{k:?}");
    }
}

#[test]
fn tracing_a_read_in_order_reaches_the_ssd_and_returns() {
    let mut t = Trace::new(StackKind::BareMetal, Io::FileRead);
    assert_eq!(t.down_len(), 4);
    // Firmware (index 3) is never needed.
    assert!(matches!(t.click(3), Click::NotOnPath { why } if why.contains("ExitBootServices")));
    // Skipping ahead is refused and names the layer to click.
    assert_eq!(t.click(2), Click::NotYet { expected: 0 });
    assert!(matches!(t.click(0), Click::Entered { .. }));
    assert_eq!(t.click(0), Click::Ignored);
    assert!(matches!(t.click(1), Click::Entered { .. }));
    assert!(matches!(t.click(2), Click::Entered { .. }));
    assert!(!t.reached_bottom());
    assert!(matches!(t.click(4), Click::ReachedBottom { text } if text.contains("DMA")));
    assert!(t.reached_bottom());
    let up: Vec<usize> = t.return_hops().map(|h| h.layer).collect();
    assert_eq!(up, vec![2, 1, 0]);
    assert_eq!(t.click(4), Click::Ignored);
    assert_eq!(t.click(99), Click::Ignored);
}

#[test]
fn tracing_a_packet_through_a_type_2_hypervisor_crosses_two_kernels() {
    let mut t = Trace::new(StackKind::Type2, Io::Packet);
    let order: Vec<usize> = (0..t.down_len())
        .filter_map(|_| {
            let next = t.expected()?;
            t.click(next);
            Some(next)
        })
        .collect();
    let roles: Vec<Role> = order.iter().map(|i| StackKind::Type2.stack().layers[*i].role).collect();
    assert_eq!(
        roles,
        [
            Role::Application,
            Role::Kernel,
            Role::VirtualDevice,
            Role::Hypervisor,
            Role::Kernel,
            Role::Driver,
            Role::Hardware
        ]
    );
    assert!(t.reached_bottom());
    assert_eq!(t.return_hops().count(), 0);
}
