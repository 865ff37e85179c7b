# CMake generated Testfile for 
# Source directory: /work/main/apps/statecraft
# Build directory: /work/main/build/apps/statecraft
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
