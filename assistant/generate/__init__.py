"""The chat seam, drafting, answers, 工作方案 outlines and their export."""
