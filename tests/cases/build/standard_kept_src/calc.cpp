#include "calc.hpp"

#if __cplusplus != 201103L
#error "calc.cpp must be compiled as C++11"
#endif

int calc_add(int a, int b) { return a + b; }
