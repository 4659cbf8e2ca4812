//! The simulated cluster: API store, controllers, kubelets, faults and the event loop.
