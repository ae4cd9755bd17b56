#pragma once
// Marks a string literal that the interface shows in the user's language. Core never translates:
// the macro is the English text itself. lupdate is told to read it as QT_TRANSLATE_NOOP
// (ui/CMakeLists.txt), so the text lands in the catalogue under `context`, and the interface
// looks it up there with the same context and text.

#define QS_TRANSLATABLE(context, text) text
