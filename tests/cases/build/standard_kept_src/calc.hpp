#ifndef CALC_HPP
#define CALC_HPP
int calc_add(int a, int b);
#endif
