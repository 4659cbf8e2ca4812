//! Pod-level requests and limits as kubectl computes them for `describe node`
//! (`resourcehelper.PodRequests` / `PodLimits`): containers summed, sidecars (restartable
//! init containers) added, each regular init container as a floor, overhead on top.
//!
//! Sums keep the format of the first addend, as `Quantity.Add` does, so memory written in
//! `Mi` prints as `Mi`. Simplified: a sum whose first addend was written in exponent form
//! (`1e3`) prints in decimal SI.

use crate::model::{PodSpec, Quantity, ResourceList, quantity::QuantityFormat};

/// `a + b`, printed in `a`'s format (or `b`'s when `a` is zero).
pub fn add(a: Quantity, b: Quantity) -> Quantity {
    let format = if a.is_zero() { b.format() } else { a.format() };
    let millis = a.milli_value().saturating_add(b.milli_value());
    with_format(millis, format)
}

fn with_format(millis: i64, format: QuantityFormat) -> Quantity {
    if format == QuantityFormat::BinarySI && millis % 1000 == 0 {
        Quantity::from_bytes(millis / 1000)
    } else {
        Quantity::from_millis(millis)
    }
}

fn add_list(total: &mut ResourceList, more: &ResourceList) {
    for (name, q) in more.iter() {
        let sum = total.get(name).map_or(q, |cur| add(cur, q));
        total.set(name.clone(), sum);
    }
}

fn max_list(total: &mut ResourceList, other: &ResourceList) {
    for (name, q) in other.iter() {
        if total.get(name).is_none_or(|cur| q > cur) {
            total.set(name.clone(), q);
        }
    }
}

fn pod_total(
    spec: &PodSpec,
    pick: impl Fn(&crate::model::Container) -> &ResourceList,
) -> ResourceList {
    let mut total = ResourceList::new();
    for c in &spec.containers {
        add_list(&mut total, pick(c));
    }
    let mut sidecars = ResourceList::new();
    let mut init_floor = ResourceList::new();
    for c in &spec.init_containers {
        let own = pick(c);
        let step = if c.restart_policy == Some(crate::model::pod::RestartPolicy::Always) {
            add_list(&mut total, own);
            add_list(&mut sidecars, own);
            sidecars.clone()
        } else {
            let mut tmp = own.clone();
            add_list(&mut tmp, &sidecars);
            tmp
        };
        max_list(&mut init_floor, &step);
    }
    max_list(&mut total, &init_floor);
    add_list(&mut total, &spec.overhead);
    total
}

/// `resourcehelper.PodRequests`.
pub fn pod_requests(spec: &PodSpec) -> ResourceList {
    pod_total(spec, |c| &c.resources.requests)
}

/// `resourcehelper.PodLimits`.
pub fn pod_limits(spec: &PodSpec) -> ResourceList {
    pod_total(spec, |c| &c.resources.limits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Container, ResourceName, pod::RestartPolicy};

    fn with_cpu_mem(cpu: &str, mem: &str) -> Container {
        let mut c = Container::default();
        c.resources.requests.set(ResourceName::Cpu, Quantity::parse(cpu).unwrap_or_default());
        c.resources.requests.set(ResourceName::Memory, Quantity::parse(mem).unwrap_or_default());
        c
    }

    #[test]
    fn sums_keep_the_first_format() {
        let spec = PodSpec {
            containers: vec![with_cpu_mem("250m", "64Mi"), with_cpu_mem("250m", "64Mi")],
            ..Default::default()
        };
        let r = pod_requests(&spec);
        assert_eq!(r.get(&ResourceName::Cpu).map(|q| q.to_string()).as_deref(), Some("500m"));
        assert_eq!(r.get(&ResourceName::Memory).map(|q| q.to_string()).as_deref(), Some("128Mi"));
    }

    #[test]
    fn init_containers_are_a_floor_and_sidecars_add() {
        let mut sidecar = with_cpu_mem("100m", "16Mi");
        sidecar.restart_policy = Some(RestartPolicy::Always);
        let spec = PodSpec {
            containers: vec![with_cpu_mem("200m", "32Mi")],
            init_containers: vec![sidecar, with_cpu_mem("1", "8Mi")],
            ..Default::default()
        };
        let r = pod_requests(&spec);
        // cpu: max(200m + 100m, 1 + 100m) = 1100m; memory: max(48Mi, 24Mi) = 48Mi.
        assert_eq!(r.cpu_millis(), 1100);
        assert_eq!(r.memory_bytes(), 48 << 20);
    }
}
