"""cluster-pathways: least-cost net-zero pathways for industrial clusters (Pyomo + HiGHS)."""

__version__ = "0.1.0"
