# cmake -DFILE=<program> -P linkage.cmake: prints "<name>: static" or
# "<name>: dynamic". A dynamically linked ELF program names its loader
# (ld-linux) in its .interp section, within the first KiB after the headers.
file(READ "${FILE}" head LIMIT 1024 HEX)
get_filename_component(name "${FILE}" NAME)
if(head MATCHES "6c642d6c696e7578")  # "ld-linux"
  message(STATUS "${name}: dynamic")
else()
  message(STATUS "${name}: static")
endif()
