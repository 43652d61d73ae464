import { configure } from '@testing-library/dom';

// Vitest setup file. Component tests wait for what main's fake answers make appear (`findBy…`,
// `waitFor`). The library's default bound of 1 s is shorter than a first DataGrid render takes
// on a busy two-core CI machine; a wait still ends as soon as its element is there.
configure({ asyncUtilTimeout: 10_000 });
