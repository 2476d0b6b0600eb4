"""What ``make run`` (scripts/run_system.py) needs beside its main loop: the ports it will
use and their preflight, and the child processes it watches."""
