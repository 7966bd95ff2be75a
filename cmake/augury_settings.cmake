# Shared compile settings for augury's own targets.

# augury_target_settings(<target>)
#
# Applies the project-wide settings to <target>: C++17 without compiler extensions and, for
# targets that compile sources, the warning set (-Wall -Wextra, or /W4 with MSVC; plus
# -Werror or /WX when AUGURY_WERROR is ON). Interface libraries only pass the language
# standard on to their consumers: warning flags are a private matter of each target.
function(augury_target_settings target)
  if(NOT TARGET ${target})
    message(FATAL_ERROR "augury_target_settings: '${target}' is not a target")
  endif()
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "INTERFACE_LIBRARY")
    target_compile_features(${target} INTERFACE cxx_std_17)
    return()
  endif()

  target_compile_features(${target} PUBLIC cxx_std_17)
  set_target_properties(${target} PROPERTIES CXX_EXTENSIONS OFF)
  if(MSVC)
    target_compile_options(${target} PRIVATE /W4 /permissive- $<$<BOOL:${AUGURY_WERROR}>:/WX>)
  else()
    target_compile_options(${target} PRIVATE -Wall -Wextra
                                             $<$<BOOL:${AUGURY_WERROR}>:-Werror>)
  endif()
endfunction()

# augury_use_header_only(<target> <imported-target>...)
#
# Gives <target> the include directories and compile definitions of header-only imported
# targets without recording a link dependency. A PRIVATE link of a static library still
# appears in its exported link interface, so linking a header-only package that way would
# force every consumer of the installed augury to find that package too.
function(augury_use_header_only target)
  foreach(dep IN LISTS ARGN)
    target_include_directories(${target} SYSTEM PRIVATE
                               $<TARGET_PROPERTY:${dep},INTERFACE_INCLUDE_DIRECTORIES>)
    target_compile_definitions(${target} PRIVATE
                               $<TARGET_PROPERTY:${dep},INTERFACE_COMPILE_DEFINITIONS>)
  endforeach()
endfunction()
