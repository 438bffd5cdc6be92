"""The dependency graph of the audited addons: dependants, loops and the two depths."""

from migrator.depgraph import DependencyGraph


def test_only_edges_between_nodes_are_kept_and_dependants_are_found() -> None:
    g = DependencyGraph({"a": ["b", "sale", "a"], "b": ["base"], "c": ["a", "b"]})
    assert g.depends == {"a": ("b",), "b": (), "c": ("a", "b")}
    assert g.required_by == {"a": ("c",), "b": ("a", "c"), "c": ()}
    assert g.edges == (("a", "b"), ("c", "a"), ("c", "b"))
    assert g.cycles == ()


def test_depth_down_gives_layers_and_up_gives_rounds() -> None:
    g = DependencyGraph({"top": ["mid"], "mid": ["low"], "low": [], "side": ["low"], "alone": []})
    assert g.depth(towards="depends") == {"top": 2, "mid": 1, "low": 0, "side": 1, "alone": 0}
    assert g.depth(towards="required_by") == {"top": 0, "mid": 1, "low": 2, "side": 0, "alone": 0}
    # restricted to some nodes, the others do not count
    assert g.depth({"mid", "low"}, towards="required_by") == {"mid": 0, "low": 1}


def test_dependants_closure_goes_through_chains() -> None:
    g = DependencyGraph({"a": ["b"], "b": ["c"], "c": [], "d": ["c"]})
    assert g.dependants_closure("c") == {"a", "b", "d"}
    assert g.dependants_closure("a") == set()


def test_a_loop_is_one_component_sharing_its_depth() -> None:
    g = DependencyGraph({"x": ["y"], "y": ["x"], "top": ["x"], "z": ["y"]})
    assert g.cycles == (("x", "y"),)
    assert g.component_of["x"] == g.component_of["y"] == ("x", "y")
    depth = g.depth(towards="depends")
    assert depth["x"] == depth["y"] == 0 and depth["top"] == depth["z"] == 1
    assert g.dependants_closure("x") == {"x", "y", "top", "z"}


def test_a_long_chain_needs_no_recursion() -> None:
    names = [f"m{i:05d}" for i in range(5000)]
    g = DependencyGraph({n: [names[i + 1]] if i + 1 < len(names) else [] for i, n in enumerate(names)})
    assert g.depth(towards="depends")[names[0]] == 4999
    assert g.depth(towards="required_by")[names[-1]] == 4999
    assert g.cycles == ()
