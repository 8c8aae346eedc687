from hrdplan.cli import main

main()
