//! Scope and directness of locked packages from the project's own dependencies: a package
//! reachable from a runtime dependency ships; one reachable only through an extra is optional;
//! one reachable only from development groups is dev.

use std::collections::VecDeque;

use clearance_model::Scope;

/// The order in which scopes claim packages: the scope that ships the most first.
const ORDER: [Scope; 5] = [
    Scope::Runtime,
    Scope::Optional,
    Scope::Build,
    Scope::Dev,
    Scope::Test,
];

/// For each of `n` packages (edges: index → indices of its dependencies), the scope of the first
/// seed scope, in [`ORDER`], from which it is reachable; `None` when no seed reaches it. `seeds`
/// are the project's direct dependencies with the scope the project gives them.
pub(crate) fn propagate(
    n: usize,
    edges: &[Vec<usize>],
    seeds: &[(usize, Scope)],
) -> Vec<Option<Scope>> {
    let mut scope: Vec<Option<Scope>> = vec![None; n];
    for s in ORDER {
        let mut queue: VecDeque<usize> = seeds
            .iter()
            .filter(|(_, sc)| *sc == s)
            .map(|(i, _)| *i)
            .collect();
        while let Some(i) = queue.pop_front() {
            match scope.get(i) {
                Some(None) => {}
                _ => continue,
            }
            scope[i] = Some(s);
            if let Some(deps) = edges.get(i) {
                queue.extend(deps.iter().copied());
            }
        }
    }
    scope
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_wins_over_dev() {
        // 0 → 1 → 2, 3 → 2, 3 → 4; 0 runtime, 3 dev, 5 unreachable.
        let edges = vec![vec![1], vec![2], vec![], vec![2, 4], vec![], vec![]];
        let got = propagate(
            6,
            &edges,
            &[(3, Scope::Dev), (0, Scope::Runtime), (9, Scope::Dev)],
        );
        assert_eq!(
            got,
            [
                Some(Scope::Runtime),
                Some(Scope::Runtime),
                Some(Scope::Runtime),
                Some(Scope::Dev),
                Some(Scope::Dev),
                None
            ]
        );
    }

    #[test]
    fn cycles_end() {
        let edges = vec![vec![1], vec![0]];
        assert_eq!(
            propagate(2, &edges, &[(0, Scope::Optional)]),
            [Some(Scope::Optional), Some(Scope::Optional)]
        );
    }
}
